package dev.opsdeck.engine.reasoning.chat;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A tool call as the model made it.
 *
 * @param id      the vendor's id of the call, to answer it by (null when the vendor gives none)
 * @param args    the arguments, empty when they could not be read
 * @param badArgs why the arguments could not be read (not a JSON object, say), or null when they could
 */
public record ChatToolCall(String id, String name, Map<String, Object> args, String badArgs) {

    public ChatToolCall {
        name = name == null ? "" : name;
        args = args == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(args));
    }

    public static ChatToolCall of(String id, String name, Map<String, Object> args) {
        return new ChatToolCall(id, name, args, null);
    }
}
