package dev.opsdeck.engine.reasoning.chat;

import dev.opsdeck.engine.agent.Param;
import dev.opsdeck.engine.agent.ToolSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tool's parameters as a JSON Schema object, built from the engine's own spec, so a model is offered exactly the
 * shapes the engine will accept (enumerations included: the specialists' and fixers' nicknames). For adapters whose
 * API takes plain JSON Schema (OpenAI's {@code function.parameters}).
 */
public final class ToolSchema {

    private ToolSchema() {
    }

    public static Map<String, Object> parameters(ToolSpec spec) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Param p : spec.params()) {
            properties.put(p.name(), schema(p));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", "object");
        out.put("properties", properties);
        List<String> required = spec.params().stream().filter(Param::required).map(Param::name).toList();
        if (!required.isEmpty()) {
            out.put("required", required);
        }
        return out;
    }

    private static Map<String, Object> schema(Param p) {
        Map<String, Object> s = new LinkedHashMap<>();
        switch (p.type()) {
            case STRING:
                s.put("type", "string");
                if (!p.allowed().isEmpty()) {
                    s.put("enum", p.allowed());
                }
                break;
            case INTEGER:
                s.put("type", "integer");
                break;
            case STRING_LIST: {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("type", "string");
                if (!p.allowed().isEmpty()) {
                    item.put("enum", p.allowed());
                }
                s.put("type", "array");
                s.put("items", item);
                break;
            }
            default:
                throw new IllegalStateException(p.type().toString());
        }
        s.put("description", p.description());
        return s;
    }
}
