package dev.opsdeck.bridge.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.opsdeck.bridge.api.Route.Call;
import dev.opsdeck.bridge.api.Route.Query;
import dev.opsdeck.bridge.api.Route.Reply;
import dev.opsdeck.bridge.api.Route.Response;
import dev.opsdeck.engine.Engine;
import dev.opsdeck.engine.InjectResult;
import dev.opsdeck.engine.Injection;
import dev.opsdeck.engine.event.Outcome;
import dev.opsdeck.engine.flow.Answer;
import dev.opsdeck.engine.flow.Rounds;
import dev.opsdeck.engine.ticket.Act;
import dev.opsdeck.engine.ticket.ActionRecord;
import dev.opsdeck.engine.ticket.Status;
import dev.opsdeck.engine.ticket.Ticket;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP API's routes, {@code /api/v1/...}: each one's path, documentation and work in one table, which the
 * router serves and {@link OpenApi} documents. The work is the engine's; this only translates.
 */
final class Api {

    static final String BASE = "/api/v1";

    private final Engine engine;
    private final List<Route> routes;

    Api(Engine engine, String version) {
        this.engine = engine;
        List<Route> r = new ArrayList<>();
        r.add(get("/openapi.json", "openapi", "This document.", List.of(),
                Map.of(200, Response.json("The OpenAPI 3.1 document of every endpoint.", "OpenApi")),
                call -> new Reply(200, OpenApi.document(routes(), version))));
        r.add(post("/incidents", "createIncident", "Open an incident: a catalogue key, or a system and issue of your own.",
                "IncidentRequest", Map.of(201, Response.json("Opened; its flow runs.", "Created"),
                        400, Response.json("Not an incident this server knows, or a bad field.", "Problem"),
                        409, Response.json("Debounced: the same incident was opened a moment ago.", "Problem"),
                        413, Response.json("The body is over 64 KiB.", "Problem"),
                        429, Response.json("At the flow cap: try again when a flow ends (Retry-After).", "Problem"),
                        503, Response.json("The store takes no writes now.", "Problem")), this::createIncident));
        r.add(get("/tickets", "listTickets", "The tickets in view, oldest first.",
                List.of(new Query("status", "Only tickets in this status, e.g. Remediating.")),
                Map.of(200, Response.json("The tickets.", "TicketList"),
                        400, Response.json("Not a ticket status.", "Problem")), this::listTickets));
        r.add(get("/tickets/{id}", "getTicket", "One ticket, with its timeline, acknowledgement, comments and actions.",
                List.of(), Map.of(200, Response.json("The ticket.", "Ticket"),
                        404, Response.json("No such ticket.", "Problem")), this::getTicket));
        r.add(post("/tickets/{id}/ack", "acknowledge", "Take the ticket (\"I'm on it\").", null,
                Map.of(200, Response.json("Taken by you (again: nothing changes).", "Ticket"),
                        404, Response.json("No such ticket in view.", "Problem"),
                        409, Response.json("Taken by someone else, or the ticket has ended.", "Problem"),
                        503, Response.json("Not recorded: the store takes no writes now.", "Problem")),
                this::acknowledge));
        r.add(post("/tickets/{id}/comments", "comment", "Comment on the ticket, as plain text.", "CommentRequest",
                Map.of(201, Response.json("Kept; the ticket after it.", "Ticket"),
                        400, Response.json("No text left after cleaning, or too long.", "Problem"),
                        404, Response.json("No such ticket in view.", "Problem"),
                        413, Response.json("The body is over 64 KiB.", "Problem"),
                        503, Response.json("Not recorded: the store takes no writes now.", "Problem")),
                this::comment));
        r.add(post("/tickets/{id}/signoff", "signOff", "Answer the ticket's pending sign-off with an explicit verdict.",
                "SignOffRequest", Map.of(200, Response.json("Taken: the first answer decides.", "SignOffTaken"),
                        400, Response.json("No verdict, or not approve, defer or reject; or an approval of "
                                + "actions without the digest of what was shown.", "Problem"),
                        404, Response.json("No such ticket in view.", "Problem"),
                        409, Response.json("No sign-off waits, or it was answered (answered_by says who), or "
                                + "what waits is not what the digest names.", "Problem"),
                        503, Response.json("Not recorded: the store takes no writes now.", "Problem")),
                this::signOff));
        r.add(post("/tickets/{id}/changes", "requestChanges", "Send the waiting proposal back with feedback instead of "
                + "a verdict: nothing of it runs, and a new proposal is made with the feedback, for a new sign-off.",
                "ChangesRequest", sentBackResponses("No feedback text left after cleaning, or too long."),
                this::requestChanges));
        r.add(post("/tickets/{id}/override", "override", "Instead of the waiting proposal: another fitting runbook "
                + "action (dry-run and shown for a new sign-off), or a step you did by hand (by_hand).",
                "OverrideRequest", sentBackResponses("No action, an action that does not fit the ticket, or by_hand "
                        + "without a note."), this::override));
        r.add(get("/activity", "activity", "What people and agents did, newest first (the tickets in view).",
                List.of(new Query("ticket", "Only this ticket's."), new Query("limit", "At most this many (default"
                        + " 100, at most 1000).")),
                Map.of(200, Response.json("The activity.", "Activity"),
                        400, Response.json("A bad limit.", "Problem")), this::activity));
        r.add(get("/presence", "presence", "Who is connected to any server of the team (consoles, other WebSocket"
                + " clients, event-stream readers).", List.of(),
                Map.of(200, Response.json("The people connected.", "Presence")), call -> new Reply(200,
                        Map.of("server", engine.instance(), "people", engine.presence().people()))));
        r.add(new Route("get", BASE + "/events", "events", "The event stream (SSE): every event of /ws, event: its"
                + " type, data: its payload, id: its position (N on a server of its own; TX.ID in a team, the same on"
                + " every server of it); Last-Event-ID resumes, in a team on any server.",
                List.of(new Query("replay", "0: no retained history before live events.")), null,
                Map.of(200, new Response("A text/event-stream that stays open.", null, true)), null));
        this.routes = List.copyOf(r);
    }

    List<Route> routes() {
        return routes;
    }

    private static Route get(String path, String id, String summary, List<Query> query, Map<Integer, Response> responses,
            Route.Action action) {
        return new Route("get", BASE + path, id, summary, query, null, responses, action);
    }

    private static Route post(String path, String id, String summary, String request, Map<Integer, Response> responses,
            Route.Action action) {
        return new Route("post", BASE + path, id, summary, List.of(), request, responses, action);
    }

    // ---- the work ------------------------------------------------------------------------------------------

    private Reply createIncident(Call call) throws ApiError {
        JsonNode b = object(call.body());
        Injection injection;
        String key = text(b, "incident");
        if (key != null) {
            if (engine.world().incident(key).isEmpty()) {
                throw new ApiError(400, "no incident '" + key + "' in this server's world; see GET /world, or send"
                        + " system and issue");
            }
            injection = Injection.of(key);
        } else {
            String system = text(b, "system");
            String issue = text(b, "issue");
            if (system == null || issue == null) {
                throw new ApiError(400, "send {\"incident\": KEY} or {\"system\", \"issue\", \"sev\", \"description\"}");
            }
            injection = Injection.custom(system, issue, text(b, "sev"), text(b, "description"));
            Optional<String> invalid = injection.invalid();
            if (invalid.isPresent()) {
                throw new ApiError(400, invalid.get());
            }
        }
        InjectResult result = engine.inject(injection);
        if (result.accepted()) {
            return new Reply(201, Map.of("ticket", result.ticketId()));
        }
        String why = result.reason();
        if (why.startsWith("debounced")) {
            throw new ApiError(409, why);
        }
        if (why.startsWith("at concurrency cap")) {
            throw new ApiError(429, why, Map.of());
        }
        if (why.startsWith("not started")) {
            throw new ApiError(503, why);
        }
        throw new ApiError(400, why);
    }

    private Reply listTickets(Call call) throws ApiError {
        String status = call.query().get("status");
        List<Ticket> all = engine.tickets();
        if (status != null) {
            Status wanted;
            try {
                wanted = Status.of(status);
            } catch (IllegalArgumentException e) {
                throw new ApiError(400, e.getMessage() + "; one of Diagnosing, Remediation_Recommended, Remediating,"
                        + " Resolved, Partially Resolved, Needs Followup, Duplicate");
            }
            all = all.stream().filter(t -> t.status() == wanted).toList();
        }
        return new Reply(200, Map.of("tickets", all));
    }

    private Reply getTicket(Call call) throws ApiError {
        String id = call.param("id");
        Optional<Ticket> t = engine.ticket(id);
        if (t.isEmpty()) {
            t = engine.archivedTickets().stream().filter(x -> x.id().equals(id)).findFirst();
        }
        Ticket found = t.orElseThrow(() -> new ApiError(404, "no ticket " + id));
        if (!found.needsHuman()) {
            return new Reply(200, found);
        }
        List<Fitting> fitting = engine.fittingActions(id).stream().map(p -> new Fitting(p.id(), p.action().title(),
                p.action().risk().wire(), p.shown())).toList();
        return new Reply(200, new AwaitingSignOff(found, found.actions().isEmpty() ? null
                : ActionRecord.digestOf(found.actions()), engine.signOffChannel(id).orElse(null), fitting));
    }

    /** A runbook action that fits the ticket: what an override may choose, and exactly what it would run. */
    record Fitting(String id, String title, String risk, String run) {
    }

    private Reply acknowledge(Call call) throws ApiError {
        return new Reply(200, done(engine.acknowledge(call.param("id"), call.user(), null)));
    }

    private Reply comment(Call call) throws ApiError {
        JsonNode b = object(call.body());
        String text = text(b, "text");
        if (text == null) {
            throw new ApiError(400, "a comment needs \"text\"");
        }
        return new Reply(201, done(engine.comment(call.param("id"), call.user(), text, null)));
    }

    private Reply signOff(Call call) throws ApiError {
        String id = call.param("id");
        Ticket t = engine.ticket(id).orElseThrow(() -> new ApiError(404, "no ticket " + id + " in view"));
        JsonNode b = object(call.body());
        String verdict = text(b, "verdict");
        Outcome outcome = verdict == null ? null : switch (verdict) {
            case "approve" -> Outcome.APPROVED;
            case "defer" -> Outcome.DEFERRED;
            case "reject" -> Outcome.REJECTED;
            default -> null;
        };
        if (outcome == null) {
            // An explicit verdict, never read from words: words that are unclear must not approve anything.
            throw new ApiError(400, "\"verdict\" must be approve, defer or reject");
        }
        if (outcome == Outcome.APPROVED) {
            boundToWhatWasShown(t, text(b, "digest"));
        }
        // Each remediation round has a channel of its own: the one waiting is the ticket's newest.
        Answer answer = engine.answer(engine.signOffChannel(id).orElse(id + ".remediation"), outcome, text(b, "note"),
                call.user());
        if (!answer.accepted()) {
            if (answer.reason().startsWith("not recorded")) {
                throw new ApiError(503, answer.reason());
            }
            Map<String, Object> extra = new LinkedHashMap<>();
            answeredBy(engine.ticket(id).orElse(t)).ifPresent(who -> extra.put("answered_by", who));
            throw new ApiError(409, extra.isEmpty() ? "no sign-off waits on " + id
                    : "the sign-off of " + id + " was answered by " + extra.get("answered_by"), extra);
        }
        return new Reply(200, Map.of("ticket", id, "verdict", verdict, "by", call.user()));
    }

    /** A ticket whose sign-off waits, with the digest an approval of it must name. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record AwaitingSignOff(@JsonUnwrapped Ticket ticket, @JsonProperty("signoff_digest") String signOffDigest,
            @JsonProperty("signoff_channel") String signOffChannel,
            @JsonProperty("fitting_actions") List<Fitting> fittingActions) {
    }

    /**
     * An approval that would run actions must name what its sender was shown: the {@code digest} of
     * {@code hitl_requested} (also the ticket's {@code signoff_digest}). Without it a client could approve whatever
     * waits now, which need not be what its person read.
     */
    private static void boundToWhatWasShown(Ticket t, String digest) throws ApiError {
        if (!t.needsHuman() || t.actions().isEmpty()) {
            return;
        }
        if (digest == null) {
            throw new ApiError(400, "approving " + t.id() + " runs actions: send the \"digest\" of the sign-off you "
                    + "were shown (hitl_requested.digest, or signoff_digest of GET /api/v1/tickets/" + t.id() + ")");
        }
        if (!digest.equals(ActionRecord.digestOf(t.actions()))) {
            throw new ApiError(409, "the sign-off of " + t.id() + " is not the one you were shown (its actions "
                    + "changed): read it again and answer what it asks now");
        }
    }

    private static Map<Integer, Response> sentBackResponses(String bad) {
        return Map.of(200, Response.json("Taken: the sign-off ended so; what follows comes on the event stream.",
                        "SentBack"),
                400, Response.json(bad, "Problem"),
                404, Response.json("No such ticket in view.", "Problem"),
                409, Response.json("No sign-off waits, or it was answered (answered_by says who), or the proposal "
                        + "was sent back as often as one ticket's may be.", "Problem"),
                413, Response.json("The body is over 64 KiB.", "Problem"),
                503, Response.json("Not recorded: the store takes no writes now.", "Problem"));
    }

    private Reply requestChanges(Call call) throws ApiError {
        String id = call.param("id");
        JsonNode b = object(call.body());
        String feedback = text(b, "feedback");
        cleaned(feedback, "feedback");
        return sentBack(id, Outcome.CHANGES_REQUESTED, channel -> engine.requestChanges(channel, feedback,
                call.user()), call.user());
    }

    private Reply override(Call call) throws ApiError {
        String id = call.param("id");
        JsonNode b = object(call.body());
        JsonNode manual = b.get("by_hand");
        if (manual != null && !manual.isNull() && !manual.isBoolean()) {
            throw new ApiError(400, "\"by_hand\" must be true or false");
        }
        boolean byHand = manual != null && manual.asBoolean(false);
        String action = text(b, "action");
        String note = text(b, "note");
        Ticket t = engine.ticket(id).orElseThrow(() -> new ApiError(404, "no ticket " + id + " in view"));
        if (byHand) {
            cleaned(note, "a note of what was done by hand");
        } else if (note != null && !note.isBlank()) {
            cleaned(note, "a note");
        }
        if ((action != null || !byHand) && engine.fittingActions(t.id()).stream().noneMatch(p -> p.id().equals(action))) {
            throw new ApiError(400, (action == null ? "send \"action\": " : "'" + action + "' does not fit " + id
                    + ": ") + "one of the fitting_actions of GET " + BASE + "/tickets/" + id + ", or by_hand with a"
                    + " note");
        }
        return sentBack(id, byHand ? Outcome.DONE_BY_HAND : Outcome.OVERRIDDEN, channel -> byHand
                ? engine.doneByHand(channel, action, note, call.user())
                : engine.override(channel, action, note, call.user()), call.user());
    }

    /** Feedback or a note that holds nothing once cleaned, or too much, is the client's mistake: 400. */
    private static void cleaned(String text, String what) throws ApiError {
        if (text == null) {
            throw new ApiError(400, "send \"" + (what.equals("feedback") ? "feedback" : "note") + "\": " + what
                    + " is required");
        }
        try {
            Rounds.clean(text, what);
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, e.getMessage());
        }
    }

    private Reply sentBack(String id, Outcome outcome, java.util.function.Function<String, Answer> send, String by)
            throws ApiError {
        Ticket t = engine.ticket(id).orElseThrow(() -> new ApiError(404, "no ticket " + id + " in view"));
        Optional<String> channel = engine.signOffChannel(id);
        if (channel.isEmpty()) {
            Map<String, Object> extra = new LinkedHashMap<>();
            answeredBy(t).ifPresent(who -> extra.put("answered_by", who));
            throw new ApiError(409, "no sign-off waits on " + id, extra);
        }
        Answer answer = send.apply(channel.get());
        if (!answer.accepted()) {
            throw new ApiError(answer.reason().startsWith("not recorded") ? 503 : 409, answer.reason());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ticket", id);
        body.put("channel_id", channel.get());
        body.put("outcome", outcome.wire());
        body.put("by", by);
        return new Reply(200, body);
    }

    private Reply activity(Call call) throws ApiError {
        String only = call.query().get("ticket");
        int limit = 100;
        String l = call.query().get("limit");
        if (l != null) {
            try {
                limit = Integer.parseInt(l);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > 1000) {
                throw new ApiError(400, "limit must be 1 to 1000");
            }
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (Ticket t : engine.tickets()) {
            if (only != null && !only.equals(t.id())) {
                continue;
            }
            for (Ticket.Moment m : t.timeline()) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("at", m.at());
                item.put("by", m.by());
                item.put("ticket", t.id());
                item.put("what", m.what());
                items.add(item);
            }
        }
        items.sort(Comparator.comparingDouble((Map<String, Object> m) -> (Double) m.get("at")).reversed());
        return new Reply(200, Map.of("activity", items.subList(0, Math.min(limit, items.size()))));
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private static Ticket done(Act act) throws ApiError {
        return switch (act.result()) {
            case DONE -> act.ticket();
            case UNKNOWN_TICKET -> throw new ApiError(404, act.reason());
            case CONFLICT -> throw new ApiError(409, act.reason());
            case INVALID -> throw new ApiError(400, act.reason());
            case UNAVAILABLE -> throw new ApiError(503, act.reason());
        };
    }

    /** Who answered a ticket's sign-off, from its timeline (the line the answer wrote, stamped by them). */
    private static Optional<String> answeredBy(Ticket t) {
        for (int i = t.timeline().size() - 1; i >= 0; i--) {
            Ticket.Moment m = t.timeline().get(i);
            if (m.what().startsWith("sign-off ")) {
                return Optional.of(m.by());
            }
        }
        return Optional.empty();
    }

    private static JsonNode object(JsonNode body) throws ApiError {
        if (body == null || !body.isObject()) {
            throw new ApiError(400, "the body must be a JSON object");
        }
        return body;
    }

    private static String text(JsonNode b, String field) throws ApiError {
        JsonNode v = b.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new ApiError(400, "\"" + field + "\" must be a string");
        }
        return v.textValue();
    }
}
