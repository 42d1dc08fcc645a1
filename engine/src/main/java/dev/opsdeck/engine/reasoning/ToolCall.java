package dev.opsdeck.engine.reasoning;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One tool call of a turn and what the tool answered. */
public record ToolCall(String name, Map<String, Object> args, String result) {

    public ToolCall {
        args = Collections.unmodifiableMap(new LinkedHashMap<>(args));
    }
}
