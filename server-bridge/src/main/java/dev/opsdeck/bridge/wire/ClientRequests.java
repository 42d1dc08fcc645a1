package dev.opsdeck.bridge.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.opsdeck.engine.InjectLimits;
import java.util.Map;

/**
 * Reads a client's text frame into a {@link ClientRequest}, or says exactly what is wrong with it. Unknown extra
 * fields are ignored (a newer client may send more); a wrong type for a known field is an error, not a guess; so is
 * a key given twice (which one would win is a guess too) and a field longer than its limit (every text a client
 * sends is kept and sent to every client: its size is bounded here).
 */
public final class ClientRequests {

    static final String TYPES = "inject, hitl_response, start, stop, reset, ping, ack, comment, request_changes,"
            + " override, fitting";

    /**
     * The longest text each field may have, in characters: an inject's from the engine's {@link InjectLimits} (so a
     * frame is refused here with its length, as the engine would refuse it), the frame's own fields here; any field
     * not named, as any other text of an inject.
     */
    static final Map<String, Integer> LIMITS = Map.ofEntries(Map.entry("type", 40), Map.entry("scenario", 40),
            Map.entry("incident", 100), Map.entry("system", InjectLimits.SYSTEM),
            Map.entry("issue", InjectLimits.ISSUE), Map.entry("sev", InjectLimits.SEV),
            Map.entry("description", InjectLimits.DESCRIPTION), Map.entry("channel_id", 100),
            Map.entry("decision", InjectLimits.TEXT), Map.entry("ticket_id", 40), Map.entry("request_id", 100),
            Map.entry("action", 100),
            // feedback and notes are cleaned and bounded by the engine (Rounds.MAX_TEXT); escapes may be stripped
            Map.entry("feedback", dev.opsdeck.engine.flow.Rounds.MAX_TEXT * 4),
            Map.entry("note", dev.opsdeck.engine.flow.Rounds.MAX_TEXT * 4),
            // a comment's raw text may carry escapes that are stripped; the engine bounds what is kept
            Map.entry("text", dev.opsdeck.engine.ticket.Remarks.MAX * 2));

    private static final ObjectReader READER = WireFormat.MAPPER.reader()
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private ClientRequests() {
    }

    public static ClientRequest parse(String frame) throws BadRequest {
        JsonNode msg;
        try {
            msg = READER.readTree(frame);
        } catch (JsonProcessingException e) {
            String why = e.getOriginalMessage();
            if (why != null && why.startsWith("Duplicate field")) {
                throw new BadRequest("a key is given twice (" + why.replace("Duplicate field", "field")
                        + "): give each key once");
            }
            throw new BadRequest("not JSON: " + why);
        }
        if (msg == null || !msg.isObject()) {
            throw new BadRequest("a message must be a JSON object with a \"type\" (" + TYPES + ")");
        }
        JsonNode type = msg.get("type");
        if (type == null || !type.isTextual()) {
            throw new BadRequest("missing \"type\": one of " + TYPES);
        }
        optionalText(msg, "type"); // its length
        switch (type.textValue()) {
            case "inject": return inject(msg);
            case "hitl_response": return answer(msg);
            case "start": return new ClientRequest.Start(!msg.has("reset") || msg.get("reset").asBoolean(true));
            case "stop": return new ClientRequest.Stop();
            case "reset": return new ClientRequest.Reset();
            case "ping": return new ClientRequest.Ping();
            case "ack": return new ClientRequest.Acknowledge(requiredText(msg, "ticket_id"),
                    optionalText(msg, "request_id"));
            case "comment": return new ClientRequest.Comment(requiredText(msg, "ticket_id"), requiredText(msg, "text"),
                    optionalText(msg, "request_id"));
            case "request_changes": return new ClientRequest.RequestChanges(optionalText(msg, "channel_id"),
                    ticketOf(msg), requiredText(msg, "feedback"), optionalText(msg, "request_id"));
            case "override": return overrideOf(msg);
            case "fitting": return new ClientRequest.FittingActions(requiredText(msg, "ticket_id"),
                    optionalText(msg, "request_id"));
            default: throw new BadRequest("unknown type '" + clip(type.textValue()) + "': expected one of " + TYPES);
        }
    }

    /**
     * The {@code request_id} a refused frame carried, read as well as it can be (null when there is none, or the
     * frame is no JSON object): a refusal names the request it refuses, whatever else was wrong with it.
     */
    public static String requestIdOf(String frame) {
        try {
            JsonNode id = WireFormat.MAPPER.readTree(frame).get("request_id");
            return id != null && id.isTextual() && id.textValue().length() <= LIMITS.get("request_id")
                    ? id.textValue() : null;
        } catch (JsonProcessingException | RuntimeException e) {
            return null;
        }
    }

    private static ClientRequest inject(JsonNode msg) throws BadRequest {
        String scenario = optionalText(msg, "scenario");
        String requestId = optionalText(msg, "request_id");
        if (scenario == null) {
            return new ClientRequest.Inject(optionalText(msg, "incident"), requestId);
        }
        switch (scenario) {
            case "full": return new ClientRequest.Inject("web_5xx", requestId);
            case "duplicate": return new ClientRequest.InjectRepeat();
            case "custom": return new ClientRequest.InjectCustom(requiredText(msg, "system"),
                    requiredText(msg, "issue"), optionalText(msg, "sev"), optionalText(msg, "description"),
                    requestId);
            default: throw new BadRequest("unknown scenario '" + clip(scenario) + "': expected full, duplicate or custom");
        }
    }

    private static ClientRequest overrideOf(JsonNode msg) throws BadRequest {
        JsonNode byHand = msg.get("by_hand");
        if (byHand != null && !byHand.isNull() && !byHand.isBoolean()) {
            throw new BadRequest("\"by_hand\" must be true or false");
        }
        boolean manual = byHand != null && byHand.asBoolean(false);
        String channel = optionalText(msg, "channel_id");
        String ticket = ticketOf(msg);
        return new ClientRequest.OverrideProposal(channel, ticket, manual ? optionalText(msg, "action")
                : requiredText(msg, "action"), manual, manual ? requiredText(msg, "note") : optionalText(msg, "note"),
                optionalText(msg, "request_id"));
    }

    /** A sign-off is named by its channel, or by its ticket (whose waiting sign-off is meant): one is required. */
    private static String ticketOf(JsonNode msg) throws BadRequest {
        String ticket = optionalText(msg, "ticket_id");
        if (ticket == null && optionalText(msg, "channel_id") == null) {
            throw new BadRequest(msg.get("type").textValue() + " needs \"channel_id\" or \"ticket_id\" (a non-empty"
                    + " string)");
        }
        return ticket;
    }

    private static ClientRequest answer(JsonNode msg) throws BadRequest {
        String channel = requiredText(msg, "channel_id");
        if (!msg.has("decision")) {
            throw new BadRequest("hitl_response needs \"decision\": a string, or null to decline");
        }
        return new ClientRequest.SignOffAnswer(channel, optionalText(msg, "decision"), optionalText(msg, "note"),
                optionalText(msg, "request_id"));
    }

    private static String requiredText(JsonNode msg, String field) throws BadRequest {
        String value = optionalText(msg, field);
        if (value == null || value.isBlank()) {
            throw new BadRequest(msg.get("type").textValue() + " needs \"" + field + "\" (a non-empty string)");
        }
        return value;
    }

    /** The field's text; null when it is absent or null; an error when it is anything but a string. */
    private static String optionalText(JsonNode msg, String field) throws BadRequest {
        JsonNode v = msg.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new BadRequest("\"" + field + "\" must be a string, got " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        int limit = LIMITS.getOrDefault(field, InjectLimits.TEXT);
        if (v.textValue().length() > limit) {
            throw new BadRequest("\"" + field + "\" is " + v.textValue().length() + " characters long; at most " + limit
                    + " are accepted");
        }
        return v.textValue();
    }

    private static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
