package dev.opsdeck.bridge.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.engine.Json;

/** One server → client event as received: {@code type}, {@code payload}, {@code ts}, and the text it came in. */
public record Frame(String type, JsonNode payload, double ts, String raw) {

    /** Reads a received text frame; one that is not an event of the contract has type {@code ""}. */
    public static Frame parse(String raw) {
        try {
            JsonNode n = Json.MAPPER.readTree(raw);
            return new Frame(n.path("type").asText(""), n.path("payload"), n.path("ts").asDouble(), raw);
        } catch (java.io.IOException e) {
            return new Frame("", Json.MAPPER.missingNode(), 0, raw);
        }
    }

    /** A payload field as text, {@code ""} when absent or null. */
    public String text(String field) {
        JsonNode v = payload.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }
}
