package dev.opsdeck.bridge.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The OpenAPI 3.1 document of the API, written from the same route table the router serves. */
final class OpenApi {

    private static final Pattern PATH_PARAM = Pattern.compile("\\{([a-z_]+)}");
    /** Every route may answer these: the gate's refusals. */
    private static final Map<Integer, Route.Response> GATE = Map.of(
            401, Route.Response.json("No token, or not one this server knows.", "Problem"),
            403, Route.Response.json("A browser origin (or, with no token, a Host) this server does not allow.",
                    "Problem"));

    /** Every command may answer these too: its body or its Idempotency-Key refused. */
    private static final Map<Integer, Route.Response> POSTS = Map.of(
            400, Route.Response.json("A bad body, or a bad Idempotency-Key.", "Problem"),
            409, Route.Response.json("This Idempotency-Key was used for another request, or its first request is"
                    + " still being answered (then with Retry-After).", "Problem"),
            413, Route.Response.json("The body is over 64 KiB.", "Problem"),
            503, Route.Response.json("The store takes no writes now (its disk, or the team's database): nothing was"
                    + " done.", "Problem"));

    private OpenApi() {
    }

    static Map<String, Object> document(List<Route> routes, String version) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.1.0");
        doc.put("info", Map.of("title", "OpsDeck API", "version", version, "description",
                "Incidents, tickets, sign-offs, acknowledgements and comments, and the event stream (SSE) of an "
                        + "OpsDeck server. Authenticate with a bearer token: a user's own (serve --users) names "
                        + "them on every act; the shared --token is recorded as \"token\"."));
        doc.put("servers", List.of(Map.of("url", "/")));
        doc.put("security", List.of(Map.of("bearer", List.of())));
        Map<String, Object> paths = new LinkedHashMap<>();
        for (Route r : routes) {
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(r.path(), p -> new LinkedHashMap<>());
            item.put(r.method(), operation(r));
        }
        doc.put("paths", paths);
        doc.put("components", Map.of("securitySchemes", Map.of("bearer", Map.of("type", "http", "scheme", "bearer")),
                "schemas", Schemas.all()));
        return doc;
    }

    private static Map<String, Object> operation(Route r) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("operationId", r.operationId());
        op.put("summary", r.summary());
        List<Object> params = new ArrayList<>();
        Matcher m = PATH_PARAM.matcher(r.path());
        while (m.find()) {
            params.add(Map.of("name", m.group(1), "in", "path", "required", true, "schema", Map.of("type", "string")));
        }
        for (Route.Query q : r.query()) {
            params.add(Map.of("name", q.name(), "in", "query", "required", false, "description", q.description(),
                    "schema", Map.of("type", "string")));
        }
        if (r.isPost()) {
            params.add(Map.of("name", "Idempotency-Key", "in", "header", "required", false, "description",
                    "A retried request with the same key (and body) is answered as the first was, and does nothing "
                            + "twice: kept 24 h in the store, so on any server of a team and after a restart.",
                    "schema", Map.of("type", "string", "maxLength", 200)));
        }
        if (r.path().endsWith("/events")) {
            params.add(Map.of("name", "Last-Event-ID", "in", "header", "required", false, "description",
                    "Resume after this event id: a position in the server's stream (N), or in a team's shared log"
                            + " (TX.ID), which any server of the team resumes after.", "schema",
                    Map.of("type", "string")));
        }
        if (!params.isEmpty()) {
            op.put("parameters", params);
        }
        if (r.request() != null) {
            op.put("requestBody", Map.of("required", true, "content",
                    Map.of("application/json", Map.of("schema", Schemas.ref(r.request())))));
        }
        Map<String, Object> responses = new LinkedHashMap<>();
        Map<Integer, Route.Response> all = new java.util.TreeMap<>(GATE);
        if (r.isPost()) {
            all.putAll(POSTS);
        }
        all.putAll(r.responses());
        all.forEach((status, resp) -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("description", resp.description());
            if (resp.stream()) {
                out.put("content", Map.of("text/event-stream", Map.of("schema", Map.of("type", "string"))));
            } else if (resp.schema() != null) {
                out.put("content", Map.of("application/json", Map.of("schema", Schemas.ref(resp.schema()))));
            }
            responses.put(String.valueOf(status), out);
        });
        op.put("responses", responses);
        return op;
    }
}
