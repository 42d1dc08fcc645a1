package dev.opsdeck.bridge.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One endpoint of the HTTP API: what the router serves and what the OpenAPI document says of it come from this one
 * record, so the two cannot drift. {@code request} and each response name a schema of {@link Schemas} (null: none).
 */
record Route(String method, String path, String operationId, String summary, List<Query> query, String request,
        Map<Integer, Response> responses, Action action) {

    /** A query parameter (always a string). */
    record Query(String name, String description) {
    }

    /** A documented response: its schema's name in {@link Schemas}, or null for none; {@code stream}: SSE. */
    record Response(String description, String schema, boolean stream) {
        static Response json(String description, String schema) {
            return new Response(description, schema, false);
        }
    }

    /** What a request brings to an action: who sent it, its path and query parameters, its JSON body. */
    record Call(String user, Map<String, String> path, Map<String, String> query, JsonNode body) {
        String param(String name) {
            return path.get(name);
        }
    }

    /** What an action answers: a status and a body written as JSON (a String is taken as JSON already). */
    record Reply(int status, Object body) {
    }

    /** An endpoint's work; refusals are thrown as {@link ApiError}. */
    @FunctionalInterface
    interface Action {
        Reply handle(Call call) throws ApiError;
    }

    boolean isPost() {
        return method.equals("post");
    }

    boolean isStream() {
        return responses.values().stream().anyMatch(Response::stream);
    }
}
