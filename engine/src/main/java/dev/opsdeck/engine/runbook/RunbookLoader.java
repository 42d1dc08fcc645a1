package dev.opsdeck.engine.runbook;

import dev.opsdeck.engine.cli.DurationConverter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads runbook files (RUNBOOK.md is the contract): the whole file or nothing, every error one line naming the file
 * and the line. A file that others may change is refused like ssh refuses such a key: whoever can write it could
 * make OpsDeck run anything.
 */
public final class RunbookLoader {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]*");
    private static final List<String> ACTION_KEYS = List.of("id", "title", "risk", "auto", "match", "params", "run",
            "dry_run", "verify");
    private static final List<String> STEP_KEYS = List.of("command", "http", "ansible", "simulated", "timeout", "env");
    private static final Pattern ENV = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)\\}");

    private RunbookLoader() {
    }

    /** Every file, in order, as one runbook. */
    public static Runbook load(List<Path> files) {
        Runbook all = Runbook.EMPTY;
        for (Path f : files) {
            Runbook one = load(f);
            try {
                all = all.plus(one);
            } catch (IllegalArgumentException e) {
                throw new RunbookException(f + ": " + e.getMessage());
            }
        }
        return all;
    }

    public static Runbook load(Path file) {
        checkPermissions(file);
        try (InputStream in = Files.newInputStream(file)) {
            return parse(file.toString(), in);
        } catch (IOException e) {
            throw new RunbookException(file + ": cannot read it (" + e.getMessage() + ")");
        }
    }

    /** The bundled world's runbook (simulated actions only), from the class path. */
    public static Runbook bundled() {
        String name = "/dev/opsdeck/engine/runbook/world.runbook.yaml";
        try (InputStream in = RunbookLoader.class.getResourceAsStream(name)) {
            return parse("bundled " + name.substring(name.lastIndexOf('/') + 1), in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Runbook parse(String file, InputStream in) {
        Node root;
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            root = new Yaml(new LoaderOptions()).compose(r);
        } catch (MarkedYAMLException e) {
            throw new RunbookException(file + ":" + (e.getProblemMark().getLine() + 1) + ": not valid YAML ("
                    + e.getProblem() + ")");
        } catch (YAMLException | IOException e) {
            throw new RunbookException(file + ": not valid YAML (" + e.getMessage() + ")");
        }
        if (root == null) {
            throw new RunbookException(file + ": the file is empty");
        }
        Map<String, YamlNode> top = new YamlNode(file, root).map("the file", List.of("version", "actions"));
        YamlNode version = top.get("version");
        if (version == null || !version.text("version").equals("1")) {
            throw (version == null ? new YamlNode(file, root) : version).error("version must be 1");
        }
        YamlNode list = top.get("actions");
        if (list == null) {
            throw new YamlNode(file, root).error("no 'actions' list");
        }
        List<Action> actions = new ArrayList<>();
        for (YamlNode a : list.list("actions")) {
            actions.add(action(file, a));
        }
        try {
            return new Runbook(actions);
        } catch (IllegalArgumentException e) {
            throw new RunbookException(file + ": " + e.getMessage());
        }
    }

    private static Action action(String file, YamlNode node) {
        Map<String, YamlNode> m = node.map("an action", ACTION_KEYS);
        String id = required(node, m, "id").text("id");
        if (!ID.matcher(id).matches()) {
            throw m.get("id").error("id '" + id + "' must match [a-z][a-z0-9_]*");
        }
        String title = required(node, m, "title").text("title");
        Risk risk;
        try {
            risk = Risk.of(required(node, m, "risk").text("risk"));
        } catch (IllegalArgumentException e) {
            throw m.get("risk").error(e.getMessage());
        }
        boolean auto = m.containsKey("auto") && m.get("auto").bool("auto");
        if (auto && risk == Risk.DISRUPTIVE) {
            throw m.get("auto").error("a disruptive action can never be auto: it always needs a sign-off");
        }
        Match match = match(required(node, m, "match"));
        List<Param> params = new ArrayList<>();
        if (m.containsKey("params")) {
            m.get("params").map("params").forEach((name, p) -> params.add(param(name, p)));
        }
        Step run = step(required(node, m, "run"), "run");
        Step dryRun = m.containsKey("dry_run") ? step(m.get("dry_run"), "dry_run")
                : run instanceof Step.Ansible a ? a.checked() : null;
        String verify = null;
        Duration within = null;
        if (m.containsKey("verify")) {
            Map<String, YamlNode> v = m.get("verify").map("verify", List.of("promql", "within"));
            verify = required(m.get("verify"), v, "promql").text("verify.promql");
            within = v.containsKey("within") ? duration(v.get("within"), "verify.within") : Duration.ofMinutes(2);
        }
        Set<String> declared = new TreeSet<>();
        params.forEach(p -> declared.add(p.name()));
        checkPlaceholders(node, run, declared);
        if (dryRun != null) {
            checkPlaceholders(node, dryRun, declared);
        }
        if (verify != null) {
            checkPlaceholders(m.get("verify"), verify, declared);
        }
        if (run instanceof Step.Simulated && !file.startsWith("bundled ")) {
            throw m.get("run").error("'simulated' is for the bundled world's runbook only");
        }
        return new Action(id, title, risk, auto, match, params, run, dryRun, verify, within, file);
    }

    private static Match match(YamlNode node) {
        Map<String, List<String>> labels = new LinkedHashMap<>();
        List<String> issues = List.of();
        List<Pattern> systems = new ArrayList<>();
        for (Map.Entry<String, YamlNode> e : node.map("match").entrySet()) {
            List<String> values = e.getValue().texts("match." + e.getKey());
            if (values.isEmpty()) {
                throw e.getValue().error("match." + e.getKey() + " lists no value");
            }
            switch (e.getKey()) {
                case "issue" -> issues = values;
                case "system" -> {
                    for (String v : values) {
                        systems.add(regex(e.getValue(), v, "match.system"));
                    }
                }
                default -> labels.put(e.getKey(), values);
            }
        }
        Match match = new Match(labels, issues, systems);
        if (match.empty()) {
            throw node.error("match is empty: an action must say which tickets it is for");
        }
        return match;
    }

    private static Param param(String name, YamlNode node) {
        if (!ID.matcher(name).matches()) {
            throw node.error("parameter name '" + name + "' must match [a-z][a-z0-9_]*");
        }
        Map<String, YamlNode> m = node.map("parameter " + name, List.of("from", "pattern", "value"));
        if (m.containsKey("value") == m.containsKey("from")) {
            throw node.error("parameter " + name + " needs exactly one of 'from' and 'value'");
        }
        if (m.containsKey("value")) {
            String literal = m.get("value").text("value");
            return new Param(name, "value", literal, m.containsKey("pattern")
                    ? regex(m.get("pattern"), m.get("pattern").text("pattern"), "pattern") : null);
        }
        String from = m.get("from").text("from");
        if (!Param.knownSource(from)) {
            throw m.get("from").error("from: '" + from + "' is not alert.labels.NAME, alert.annotations.NAME, "
                    + "ticket.system or ticket.issue");
        }
        if (!m.containsKey("pattern")) {
            throw node.error("parameter " + name + " has no pattern: a value from a ticket must be checked");
        }
        return new Param(name, from, null, regex(m.get("pattern"), m.get("pattern").text("pattern"), "pattern"));
    }

    private static Step step(YamlNode node, String what) {
        Map<String, YamlNode> m = node.map(what, STEP_KEYS);
        List<String> kinds = m.keySet().stream().filter(k -> List.of("command", "http", "ansible", "simulated")
                .contains(k)).toList();
        if (kinds.size() != 1) {
            throw node.error(what + " needs exactly one of command, http, ansible, simulated");
        }
        Duration timeout = m.containsKey("timeout") ? duration(m.get("timeout"), what + ".timeout") : Step.DEFAULT_TIMEOUT;
        Map<String, String> env = m.containsKey("env") ? strings(m.get("env"), what + ".env") : Map.of();
        YamlNode body = m.get(kinds.get(0));
        switch (kinds.get(0)) {
            case "command": {
                List<String> argv = body.texts(what + ".command");
                if (!argv.isEmpty() && fromParameter(argv.get(0))) {
                    throw body.error(what + ".command: the program itself may not come from a parameter");
                }
                if (argv.isEmpty() || !argv.get(0).startsWith("/") && !argv.get(0).matches("[A-Za-z0-9._-]+")) {
                    throw body.error(what + ".command must start with a program (an absolute path or a name on PATH)");
                }
                return new Step.Command(argv, timeout, env);
            }
            case "http": {
                Map<String, YamlNode> h = body.map(what + ".http", List.of("method", "url", "headers", "body", "ok"));
                String method = h.containsKey("method") ? h.get("method").text("method") : "POST";
                if (!method.matches("GET|POST|PUT|PATCH|DELETE")) {
                    throw h.get("method").error("method must be GET, POST, PUT, PATCH or DELETE");
                }
                String url = required(body, h, "url").text("url");
                if (!url.startsWith("http://") && !url.startsWith("https://")) {
                    throw h.get("url").error("url must start with http:// or https://");
                }
                List<Integer> ok = new ArrayList<>();
                if (h.containsKey("ok")) {
                    for (String s : h.get("ok").texts("ok")) {
                        try {
                            ok.add(Integer.parseInt(s));
                        } catch (NumberFormatException e) {
                            throw h.get("ok").error("ok must list HTTP status codes, got '" + s + "'");
                        }
                    }
                } else {
                    ok.addAll(List.of(200, 201, 202, 204));
                }
                return new Step.Http(method, url, h.containsKey("headers") ? strings(h.get("headers"), "headers")
                        : Map.of(), h.containsKey("body") ? h.get("body").text("body") : "", ok, timeout);
            }
            case "ansible": {
                Map<String, YamlNode> a = body.map(what + ".ansible", List.of("playbook", "inventory", "limit",
                        "extra_vars", "check"));
                return new Step.Ansible(required(body, a, "playbook").text("playbook"),
                        a.containsKey("inventory") ? a.get("inventory").text("inventory") : null,
                        a.containsKey("limit") ? a.get("limit").text("limit") : null,
                        a.containsKey("extra_vars") ? strings(a.get("extra_vars"), "extra_vars") : Map.of(),
                        a.containsKey("check") && a.get("check").bool("check"), timeout);
            }
            default:
                return new Step.Simulated(body.text(what + ".simulated"));
        }
    }

    private static boolean fromParameter(String s) {
        return Runbook.PLACEHOLDER.matcher(s).find() || s.contains("${");
    }

    private static void checkPlaceholders(YamlNode where, Step step, Set<String> declared) {
        step.map(s -> {
            checkPlaceholders(where, s, declared);
            return s;
        });
    }

    private static void checkPlaceholders(YamlNode where, String s, Set<String> declared) {
        Matcher m = Runbook.PLACEHOLDER.matcher(s);
        while (m.find()) {
            if (!declared.contains(m.group(1))) {
                throw where.error("{" + m.group(1) + "} is used but no parameter '" + m.group(1) + "' is declared");
            }
        }
        int at = s.indexOf("${");
        while (at >= 0) {
            Matcher e = ENV.matcher(s.substring(at));
            if (!e.lookingAt()) {
                throw where.error("'" + s.substring(at, Math.min(s.length(), at + 20)) + "': only ${env:NAME} may "
                        + "follow '${'");
            }
            at = s.indexOf("${", at + 2);
        }
    }

    private static Map<String, String> strings(YamlNode node, String what) {
        Map<String, String> out = new LinkedHashMap<>();
        node.map(what).forEach((k, v) -> out.put(k, v.text(what + "." + k)));
        return out;
    }

    private static YamlNode required(YamlNode parent, Map<String, YamlNode> m, String key) {
        YamlNode n = m.get(key);
        if (n == null) {
            throw parent.error("'" + key + "' is missing");
        }
        return n;
    }

    private static Pattern regex(YamlNode where, String text, String what) {
        try {
            return Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            throw where.error(what + " '" + text + "' is not a regular expression: " + e.getDescription());
        }
    }

    private static Duration duration(YamlNode node, String what) {
        try {
            Duration d = DurationConverter.parse(node.text(what));
            if (d.isNegative() || d.isZero()) {
                throw node.error(what + " must be longer than zero");
            }
            return d;
        } catch (picocli.CommandLine.TypeConversionException e) {
            throw node.error(what + ": " + e.getMessage());
        }
    }

    /**
     * Refuses a file that group or others may write, or whose folder they may (unless the folder is sticky, as
     * {@code /tmp} is: there only a file's owner may replace it).
     */
    static void checkPermissions(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new RunbookException(file + ": no such runbook file");
        }
        int mode = mode(file);
        if ((mode & 0022) != 0) {
            throw new RunbookException(file + ": refused: it is writable by " + who(mode)
                    + " (chmod go-w " + file + ")");
        }
        Path dir = file.toAbsolutePath().getParent();
        int dirMode = mode(dir);
        if ((dirMode & 0022) != 0 && (dirMode & 01000) == 0) {
            throw new RunbookException(file + ": refused: its folder " + dir + " is writable by " + who(dirMode)
                    + " (chmod go-w " + dir + ")");
        }
    }

    private static int mode(Path p) {
        try {
            return (Integer) Files.getAttribute(p, "unix:mode");
        } catch (IOException | UnsupportedOperationException e) {
            throw new RunbookException(p + ": cannot read its permissions (" + e.getMessage() + ")");
        }
    }

    private static String who(int mode) {
        return (mode & 0020) != 0 && (mode & 0002) != 0 ? "group and others" : (mode & 0020) != 0 ? "its group" : "others";
    }
}
