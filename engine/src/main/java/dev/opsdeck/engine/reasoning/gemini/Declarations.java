package dev.opsdeck.engine.reasoning.gemini;

import com.google.genai.types.FunctionDeclaration;
import com.google.genai.types.Schema;
import com.google.genai.types.Tool;
import com.google.genai.types.Type;
import dev.opsdeck.engine.agent.Param;
import dev.opsdeck.engine.agent.ToolSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The function declarations of one agent's tools, built from the engine's own tool specs so the model is offered
 * exactly the shapes the engine will accept (enumerations included: the specialists' and fixers' nicknames).
 */
final class Declarations {

    private Declarations() {
    }

    static Tool of(List<ToolSpec> specs) {
        return Tool.builder().functionDeclarations(specs.stream().map(Declarations::declaration).toList()).build();
    }

    static FunctionDeclaration declaration(ToolSpec spec) {
        Map<String, Schema> properties = new LinkedHashMap<>();
        for (Param p : spec.params()) {
            properties.put(p.name(), schema(p));
        }
        List<String> required = spec.params().stream().filter(Param::required).map(Param::name).toList();
        Schema.Builder params = Schema.builder().type(Type.Known.OBJECT).properties(properties);
        if (!required.isEmpty()) {
            params.required(required);
        }
        return FunctionDeclaration.builder().name(spec.name()).description(spec.description())
                .parameters(params.build()).build();
    }

    private static Schema schema(Param p) {
        switch (p.type()) {
            case STRING: {
                Schema.Builder s = Schema.builder().type(Type.Known.STRING).description(p.description());
                return p.allowed().isEmpty() ? s.build() : s.enum_(p.allowed()).build();
            }
            case INTEGER:
                return Schema.builder().type(Type.Known.INTEGER).description(p.description()).build();
            case STRING_LIST: {
                Schema.Builder item = Schema.builder().type(Type.Known.STRING);
                if (!p.allowed().isEmpty()) {
                    item.enum_(p.allowed());
                }
                return Schema.builder().type(Type.Known.ARRAY).items(item.build()).description(p.description())
                        .build();
            }
            default:
                throw new IllegalStateException(p.type().toString());
        }
    }
}
