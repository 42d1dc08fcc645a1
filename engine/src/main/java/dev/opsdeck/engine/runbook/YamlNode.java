package dev.opsdeck.engine.runbook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** A node of a runbook file that knows its line, so every error can name where it is. */
record YamlNode(String file, Node node) {

    RunbookException error(String what) {
        return new RunbookException(file + ":" + (node.getStartMark().getLine() + 1) + ": " + what);
    }

    Map<String, YamlNode> map(String what) {
        if (!(node instanceof MappingNode m)) {
            throw error(what + " must be a mapping");
        }
        Map<String, YamlNode> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            YamlNode key = new YamlNode(file, t.getKeyNode());
            if (out.put(key.text("a key"), new YamlNode(file, t.getValueNode())) != null) {
                throw key.error("'" + key.text("a key") + "' is given twice");
            }
        }
        return out;
    }

    /** The mapping, refusing any key not in {@code allowed}: a typo must not silently do nothing. */
    Map<String, YamlNode> map(String what, List<String> allowed) {
        Map<String, YamlNode> m = map(what);
        for (Map.Entry<String, YamlNode> e : m.entrySet()) {
            if (!allowed.contains(e.getKey())) {
                throw e.getValue().error("unknown key '" + e.getKey() + "' in " + what + " (known: "
                        + String.join(", ", allowed) + ")");
            }
        }
        return m;
    }

    List<YamlNode> list(String what) {
        if (!(node instanceof SequenceNode s)) {
            throw error(what + " must be a list");
        }
        List<YamlNode> out = new ArrayList<>();
        for (Node n : s.getValue()) {
            out.add(new YamlNode(file, n));
        }
        return out;
    }

    String text(String what) {
        if (!(node instanceof ScalarNode s)) {
            throw error(what + " must be a single value");
        }
        return s.getValue();
    }

    List<String> texts(String what) {
        List<String> out = new ArrayList<>();
        for (YamlNode n : list(what)) {
            out.add(n.text(what + " items"));
        }
        return out;
    }

    boolean bool(String what) {
        String v = text(what);
        if (!v.equals("true") && !v.equals("false")) {
            throw error(what + " must be true or false, got '" + v + "'");
        }
        return Boolean.parseBoolean(v);
    }
}
