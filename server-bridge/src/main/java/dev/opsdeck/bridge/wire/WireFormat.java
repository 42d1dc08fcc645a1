package dev.opsdeck.bridge.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opsdeck.engine.Json;
import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.event.Published;
import dev.opsdeck.engine.ticket.Ticket;
import dev.opsdeck.engine.workflow.Envelope;
import java.util.List;

/**
 * Engine events as PROTOCOL.md's frames: {@code {type, payload, ts}}, payload fields named and shaped as the
 * contract says, fields that do not apply written as {@code null}, never left out.
 */
public final class WireFormat {

    /** The engine's JSON configuration; numbers go through {@link PlainNumbers}. */
    static final ObjectMapper MAPPER = Json.MAPPER.copy().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private WireFormat() {
    }

    public static String encode(Published p) {
        return frame(p.event().type(), payload(p.event()), p.ts());
    }

    /** {@link #encode(Published)} as UTF-8, without the detour through a String. */
    public static byte[] utf8(Published p) {
        return utf8(p.event(), p.ts());
    }

    public static byte[] utf8(EngineEvent event, double ts) {
        ObjectNode frame = MAPPER.createObjectNode();
        frame.put("type", event.type());
        frame.set("payload", payload(event));
        frame.set("ts", PlainNumbers.of(ts));
        try {
            return MAPPER.writeValueAsBytes(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a frame", e);
        }
    }

    public static String snapshot(List<Ticket> tickets, double ts) {
        return encode(new EngineEvent.Snapshot(tickets), ts);
    }

    public static String pong(double ts) {
        return encode(new EngineEvent.Pong(), ts);
    }

    /** A rejected client message, for that client only. */
    public static String clientError(String detail, double ts) {
        return encode(new EngineEvent.ErrorReported("client", detail), ts);
    }

    public static String encode(EngineEvent event, double ts) {
        return frame(event.type(), payload(event), ts);
    }

    static String frame(String type, JsonNode payload, double ts) {
        ObjectNode frame = MAPPER.createObjectNode();
        frame.put("type", type);
        frame.set("payload", payload);
        frame.set("ts", PlainNumbers.of(ts));
        return write(frame);
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a frame", e);
        }
    }

    // The engine's events are a closed set: each one maps to its payload here, and a new one fails loudly.
    static JsonNode payload(EngineEvent event) {
        ObjectNode p = MAPPER.createObjectNode();
        if (event instanceof EngineEvent.TicketCreated e) {
            return ticket(e.ticket());
        } else if (event instanceof EngineEvent.TicketChanged e) {
            return ticket(e.ticket());
        } else if (event instanceof EngineEvent.ChannelOpened e) {
            p.put("channel_id", e.channelId());
            p.put("ticket_id", e.ticketId());
            p.put("stage", e.stage().wire());
        } else if (event instanceof EngineEvent.EnvelopePosted e) {
            envelope(p, e.envelope());
        } else if (event instanceof EngineEvent.SignOffRequested e) {
            p.put("channel_id", e.channelId());
            p.put("ticket_id", e.ticketId());
            p.set("fixers", tree(e.fixers()));
            p.put("rca", e.rca());
            p.set("recommendations", tree(e.recommendations()));
            p.put("prompt", e.prompt());
            p.set("deadline", PlainNumbers.of(e.deadline()));
        } else if (event instanceof EngineEvent.SignOffResolved e) {
            p.put("channel_id", e.channelId());
            p.put("decision", e.decision());
            p.put("outcome", e.outcome().wire());
            p.put("by", e.by());
        } else if (event instanceof EngineEvent.ChannelClosed e) {
            p.put("channel_id", e.channelId());
            p.put("reason", e.reason());
        } else if (event instanceof EngineEvent.LogLine e) {
            p.put("service", e.service());
            p.put("message", e.message());
            p.put("level", e.level().wire());
        } else if (event instanceof EngineEvent.SimState e) {
            p.put("running", e.running());
        } else if (event instanceof EngineEvent.InjectIgnored e) {
            p.put("incident", e.incident());
            p.put("reason", e.reason());
        } else if (event instanceof EngineEvent.ErrorReported e) {
            p.put("where", e.where());
            p.put("detail", e.detail());
        } else if (event instanceof EngineEvent.Snapshot e) {
            p.set("tickets", tree(e.tickets()));
        } else if (!(event instanceof EngineEvent.Reset) && !(event instanceof EngineEvent.Pong)) {
            throw new IllegalArgumentException("no wire shape for " + event.type());
        }
        return p;
    }

    static JsonNode ticket(Ticket t) {
        return tree(t);
    }

    /** Any value as a tree, its doubles written plain. */
    static JsonNode tree(Object value) {
        return PlainNumbers.rewrite(MAPPER.valueToTree(value));
    }

    /** The contract's eight fields, plus {@code backend} (ext): which reasoning produced an agent turn. */
    private static void envelope(ObjectNode p, Envelope e) {
        p.put("channel_id", e.channelId());
        p.put("sender_id", e.senderId());
        p.put("sender", e.sender());
        p.put("event_type", e.eventType());
        p.put("text", e.text());
        p.put("tool", e.tool());
        p.set("tool_args", tree(e.toolArgs()));
        p.put("body", e.body());
        p.put("backend", e.backend());
    }
}
