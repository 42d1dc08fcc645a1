package dev.opsdeck.bridge.wire;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.engine.Json;
import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.event.Level;
import dev.opsdeck.engine.event.Outcome;
import dev.opsdeck.engine.ticket.ActionRecord;
import dev.opsdeck.engine.ticket.Ticket;
import dev.opsdeck.engine.workflow.Envelope;
import dev.opsdeck.engine.workflow.Stage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The other half of {@link WireFormat}: a server's frames read back into the engine's own event records, so a console
 * joined to a server folds the same events as one running the engine in-process. One decoder per connection: an
 * envelope's number in its channel is not on the wire and is counted here, in arrival order (which is the order).
 */
public final class WireEvents {

    private final Map<String, Integer> posted = new HashMap<>();

    /** The event a frame carries; empty for frames that carry none for a console (a pong). */
    public Optional<EngineEvent> decode(String type, JsonNode p, double ts) {
        switch (type) {
            case "snapshot": return Optional.of(new EngineEvent.Snapshot(tickets(p.get("tickets"))));
            case "ticket_created": return Optional.of(new EngineEvent.TicketCreated(ticket(p)));
            case "ticket_status": return Optional.of(new EngineEvent.TicketChanged(ticket(p)));
            case "channel_opened": return Optional.of(new EngineEvent.ChannelOpened(text(p, "channel_id"),
                    text(p, "ticket_id"), Stage.of(text(p, "stage"))));
            case "envelope": return Optional.of(new EngineEvent.EnvelopePosted(envelope(p, ts)));
            case "hitl_requested": return Optional.of(new EngineEvent.SignOffRequested(text(p, "channel_id"),
                    text(p, "ticket_id"), strings(p.get("fixers")), text(p, "rca"), strings(p.get("recommendations")),
                    text(p, "prompt"), p.path("deadline").asDouble(ts + 300), actions(p.get("actions"))));
            case "hitl_resolved": return Optional.of(new EngineEvent.SignOffResolved(text(p, "channel_id"),
                    p.path("decision").isNull() ? null : text(p, "decision"), outcome(text(p, "outcome")),
                    text(p, "by"), p.hasNonNull("request_id") ? text(p, "request_id") : null));
            case "ticket_acked": return Optional.of(new EngineEvent.TicketAcknowledged(text(p, "ticket_id"),
                    text(p, "by"), p.path("at").asDouble(ts), p.hasNonNull("request_id") ? text(p, "request_id") : null));
            case "ticket_comment": return Optional.of(new EngineEvent.CommentAdded(text(p, "ticket_id"),
                    text(p, "by"), text(p, "text"), p.path("at").asDouble(ts),
                    p.hasNonNull("request_id") ? text(p, "request_id") : null));
            case "ticket_ack_overdue": return Optional.of(new EngineEvent.AckOverdue(text(p, "ticket_id"),
                    text(p, "sev"), p.path("opened_at").asDouble(), p.path("after_s").asLong(), p.path("at").asDouble(ts)));
            case "channel_closed": return Optional.of(new EngineEvent.ChannelClosed(text(p, "channel_id"),
                    text(p, "reason")));
            case "log": return Optional.of(new EngineEvent.LogLine(text(p, "service"), text(p, "message"),
                    Level.valueOf(text(p, "level").toUpperCase(Locale.ROOT))));
            case "sim_state": return Optional.of(new EngineEvent.SimState(p.path("running").asBoolean()));
            case "reset":
                posted.clear();
                return Optional.of(new EngineEvent.Reset());
            case "inject_ignored": return Optional.of(new EngineEvent.InjectIgnored(text(p, "incident"),
                    text(p, "reason"), p.hasNonNull("system") ? text(p, "system") : null,
                    p.hasNonNull("issue") ? text(p, "issue") : null,
                    p.hasNonNull("request_id") ? text(p, "request_id") : null));
            case "error": return Optional.of(new EngineEvent.ErrorReported(text(p, "where"), text(p, "detail"),
                    p.hasNonNull("request_id") ? text(p, "request_id") : null));
            default: return Optional.empty();
        }
    }

    private Envelope envelope(JsonNode p, double ts) {
        Envelope e = Json.read(p.toString(), Envelope.class);
        int n = posted.merge(e.channelId(), 1, Integer::sum);
        return new Envelope(e.channelId(), n, e.senderId(), e.sender(), e.eventType(), e.text(), e.tool(), e.toolArgs(),
                e.body(), e.backend(), ts);
    }

    private static Ticket ticket(JsonNode p) {
        return Json.read(p.toString(), Ticket.class);
    }

    private static List<Ticket> tickets(JsonNode array) {
        List<Ticket> out = new ArrayList<>();
        if (array != null) {
            array.forEach(t -> out.add(ticket(t)));
        }
        return out;
    }

    private static List<ActionRecord> actions(JsonNode array) {
        List<ActionRecord> out = new ArrayList<>();
        if (array != null) {
            array.forEach(a -> out.add(Json.MAPPER.convertValue(a, ActionRecord.class)));
        }
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(s -> out.add(s.asText()));
        }
        return out;
    }

    private static String text(JsonNode p, String field) {
        JsonNode v = p.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    /** The wire knows four outcomes; a declined sign-off arrives as rejected. */
    private static Outcome outcome(String wire) {
        return wire.isEmpty() ? Outcome.EXPIRED : Outcome.valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
