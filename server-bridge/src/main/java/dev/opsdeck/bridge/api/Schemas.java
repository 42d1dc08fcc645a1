package dev.opsdeck.bridge.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON Schemas (2020-12, as OpenAPI 3.1 uses them) of the API's bodies, by name: the components of the OpenAPI
 * document, which the tests check every response against. A ticket is described by what a client may rely on; it
 * may carry more (additions to the contract), as PROTOCOL.md allows.
 */
final class Schemas {

    private Schemas() {
    }

    static Map<String, Object> all() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("Problem", object(List.of("error"), props("error", str("What went wrong and what to do, in one line."),
                "answered_by", str("Who answered the sign-off first (409 of a sign-off)."))));
        s.put("Moment", object(List.of("at", "by", "what"), props("at", num(), "by", str("A person, an agent, "
                + "inject, alert or engine."), "what", str(null))));
        s.put("Comment", object(List.of("at", "by", "text"), props("at", num(), "by", str(null), "text",
                str("Plain text: never markup; show it escaped."))));
        s.put("Ack", object(List.of("by", "at"), props("by", str(null), "at", num())));
        Map<String, Object> ticket = object(List.of("id", "system", "issue", "sev", "status", "history", "created_at"),
                props("id", pattern("^INC-\\d{3,}$"), "system", str(null), "issue", str(null),
                        "sev", enumOf("sev1", "sev2", "sev3"),
                        "status", enumOf("Diagnosing", "Remediation_Recommended", "Remediating", "Resolved",
                                "Partially Resolved", "Needs Followup", "Duplicate"),
                        "rca", str(null), "confidence", str(null), "recommendations", array(str(null)),
                        "parent", Map.of("type", List.of("string", "null")), "resolution", str(null),
                        "history", array(str(null)), "needs_human", Map.of("type", "boolean"),
                        "human_prompt", str(null), "created_at", num(), "timeline", array(ref("Moment")),
                        "acked", ref("Ack"), "comments", array(ref("Comment")),
                        "actions", array(Map.of("type", "object")),
                        "signoff_digest", str("While a sign-off with actions waits: what an approval must name."),
                        "signoff_channel", str("While a sign-off waits: its channel (each remediation round has "
                                + "its own)."),
                        "fitting_actions", array(object(List.of("id", "title", "risk", "run"), props("id", str(null),
                                "title", str(null), "risk", str(null), "run", str("What would run, exactly."))))));
        s.put("Ticket", ticket);
        s.put("TicketList", object(List.of("tickets"), props("tickets", array(ref("Ticket")))));
        s.put("Created", object(List.of("ticket"), props("ticket", pattern("^INC-\\d{3,}$"))));
        Map<String, Object> incident = object(List.of(), props("incident", str("An incident key of GET /world."),
                "system", str("With issue: an incident of your own."), "issue", str(null),
                "sev", enumOf("sev1", "sev2", "sev3"), "description", str(null)));
        s.put("IncidentRequest", incident);
        s.put("CommentRequest", object(List.of("text"), props("text", Map.of("type", "string", "maxLength", 4000,
                "description", "Plain text; terminal escapes and control characters are stripped; at most 2000 "
                        + "characters and 40 lines are kept."))));
        s.put("SignOffRequest", object(List.of("verdict"), props("verdict", enumOf("approve", "defer", "reject"),
                "note", str("To the fixers; it never decides."), "digest", str("Required to approve a sign-off "
                        + "that runs actions: hitl_requested.digest (or the ticket's signoff_digest) of what you "
                        + "were shown; 409 if what waits is no longer that."))));
        s.put("SignOffTaken", object(List.of("ticket", "verdict", "by"), props("ticket", pattern("^INC-\\d{3,}$"),
                "verdict", enumOf("approve", "defer", "reject"), "by", str(null))));
        s.put("ChangesRequest", object(List.of("feedback"), props("feedback", Map.of("type", "string", "maxLength",
                2000, "description", "What to change, plain text (at most 500 characters kept): a runbook action "
                        + "(id or title) or a host named in it is left out of the next proposal; a model reads it "
                        + "all."))));
        s.put("OverrideRequest", object(List.of(), props("action", str("A runbook action that fits the ticket "
                + "(fitting_actions of GET /api/v1/tickets/{id}): dry-run and shown for a sign-off of its own. With "
                + "by_hand: the action the step stands for, if any."), "by_hand", Map.of("type", "boolean",
                "description", "true: you did the step by hand; note says what. Nothing of the proposal runs."),
                "note", Map.of("type", "string", "maxLength", 2000, "description", "Plain text; required with "
                        + "by_hand."))));
        s.put("SentBack", object(List.of("ticket", "channel_id", "outcome", "by"), props("ticket",
                pattern("^INC-\\d{3,}$"), "channel_id", str("The channel whose sign-off this answered."),
                "outcome", enumOf("changes_requested", "overridden", "done_by_hand"), "by", str(null))));
        s.put("Activity", object(List.of("activity"), props("activity", array(object(List.of("at", "by", "ticket",
                "what"), props("at", num(), "by", str(null), "ticket", str(null), "what", str(null)))))));
        s.put("Presence", object(List.of("server", "people"), props("server", str("The answering server's name in a"
                + " team."), "people", array(object(List.of("name", "via", "server", "since", "connections"),
                        props("name", str("The name the person's token gives them."),
                                "via", enumOf("console", "web", "api"),
                                "server", str("The team server they are connected to."),
                                "since", num(), "connections", Map.of("type", "integer", "minimum", 1)))))));
        s.put("OpenApi", object(List.of("openapi", "paths"), props("openapi", str(null), "paths",
                Map.of("type", "object"))));
        return s;
    }

    static Map<String, Object> ref(String name) {
        return Map.of("$ref", "#/components/schemas/" + name);
    }

    private static Map<String, Object> object(List<String> required, Map<String, Object> properties) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("type", "object");
        if (!required.isEmpty()) {
            o.put("required", required);
        }
        o.put("properties", properties);
        return o;
    }

    private static Map<String, Object> props(Object... kv) {
        Map<String, Object> p = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            p.put((String) kv[i], kv[i + 1]);
        }
        return p;
    }

    private static Map<String, Object> str(String description) {
        return description == null ? Map.of("type", "string") : Map.of("type", "string", "description", description);
    }

    private static Map<String, Object> pattern(String regex) {
        return Map.of("type", "string", "pattern", regex);
    }

    private static Map<String, Object> num() {
        return Map.of("type", "number");
    }

    private static Map<String, Object> array(Map<String, Object> items) {
        return Map.of("type", "array", "items", items);
    }

    private static Map<String, Object> enumOf(String... values) {
        return Map.of("type", "string", "enum", List.of(values));
    }
}
