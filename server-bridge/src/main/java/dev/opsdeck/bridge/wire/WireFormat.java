package dev.opsdeck.bridge.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.opsdeck.engine.Json;
import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.event.Published;
import dev.opsdeck.engine.ticket.Ticket;
import dev.opsdeck.engine.workflow.Envelope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Engine events as PROTOCOL.md's frames: {@code {type, payload, ts}}, payload fields named and shaped as the
 * contract says, fields that do not apply written as {@code null}, never left out.
 *
 * <p>Written straight to bytes by one streaming generator, a ticket by Jackson's serializer of its record (the one
 * the store uses too), every double through {@link PlainNumbers}: no intermediate tree. Every event passes here
 * once on the writer's thread, so this is the fan-out's per-event cost (and the code the JIT has to compile).
 */
public final class WireFormat {

    /** The engine's JSON configuration; doubles go through {@link PlainNumbers}. */
    static final ObjectMapper MAPPER = Json.MAPPER.copy().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).registerModule(PlainNumbers.module());
    // Values written inside a frame: the generator is flushed once, when the frame is done.
    private static final ObjectWriter VALUES = MAPPER.writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);

    private WireFormat() {
    }

    public static String encode(Published p) {
        return encode(p.event(), p.ts());
    }

    /** {@link #encode(Published)} as UTF-8, without the detour through a String. */
    public static byte[] utf8(Published p) {
        return utf8(p.event(), p.ts());
    }

    public static byte[] utf8(EngineEvent event, double ts) {
        ByteArrayBuilder out = new ByteArrayBuilder(512);
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("type", event.type());
            g.writeFieldName("payload");
            payload(g, event);
            g.writeFieldName("ts");
            PlainNumbers.write(g, ts);
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a " + event.type() + " frame", e);
        }
        return out.toByteArray();
    }

    /** An event's payload alone, as the contract shapes it: an SSE event's {@code data}. */
    public static String payload(EngineEvent event) {
        ByteArrayBuilder out = new ByteArrayBuilder(512);
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            payload(g, event);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a " + event.type() + " payload", e);
        }
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }

    /** A value as JSON, written as the wire writes it (a ticket as in every frame, numbers plain). */
    public static String json(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a document", e);
        }
    }

    /** A request body read as the wire reads a client's frame: a key given twice is an error, not a guess. */
    public static JsonNode read(byte[] body) throws IOException {
        return MAPPER.reader().with(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .readTree(body);
    }

    public static String snapshot(List<Ticket> tickets, double ts) {
        return encode(new EngineEvent.Snapshot(tickets), ts);
    }

    public static String pong(double ts) {
        return encode(new EngineEvent.Pong(), ts);
    }

    /**
     * (ext) {@code presence {people: [{name, via, server, since, connections}]}}: who is connected to any server of
     * the team; to a client that asks for it (the console, {@code ?presence=1}), after the snapshot and replay on
     * connect, and again after a change. Not an engine event: never retained, replayed or logged.
     */
    public static String presence(List<dev.opsdeck.engine.presence.Person> people, double ts) {
        return reply("presence", ts, g -> {
            g.writeArrayFieldStart("people");
            for (dev.opsdeck.engine.presence.Person p : people) {
                g.writeStartObject();
                g.writeStringField("name", p.name());
                g.writeStringField("via", p.via());
                g.writeStringField("server", p.server());
                g.writeFieldName("since");
                PlainNumbers.write(g, p.since());
                g.writeNumberField("connections", p.connections());
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    /**
     * (ext) {@code inject_accepted {request_id, ticket_id, incident}}: to the client whose {@code inject} carried a
     * {@code request_id}, the ticket it opened, so the client matches its ticket by id; everyone still sees the
     * {@code ticket_created}. Not an engine event: never retained, replayed or logged.
     */
    public static String injectAccepted(String requestId, String ticketId, String incident, double ts) {
        return reply("inject_accepted", ts, g -> {
            g.writeStringField("request_id", requestId);
            g.writeStringField("ticket_id", ticketId);
            g.writeStringField("incident", incident);
        });
    }

    /**
     * (ext) {@code fitting_actions {request_id, ticket_id, actions: [{id, title, risk, run}]}}: the runbook actions that
     * fit a ticket now, what an override may choose (empty for a ticket not in view); to the client that asked.
     */
    public static String fittingActions(String requestId, String ticketId,
            List<dev.opsdeck.engine.runbook.Proposal> fitting, double ts) {
        return reply("fitting_actions", ts, g -> {
            if (requestId != null) {
                g.writeStringField("request_id", requestId);
            }
            g.writeStringField("ticket_id", ticketId);
            g.writeArrayFieldStart("actions");
            for (dev.opsdeck.engine.runbook.Proposal p : fitting) {
                g.writeStartObject();
                g.writeStringField("id", p.id());
                g.writeStringField("title", p.action().title());
                g.writeStringField("risk", p.action().risk().wire());
                g.writeStringField("run", p.shown());
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    /** What a payload's fields are written by. */
    @FunctionalInterface
    private interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    /**
     * A frame for one client that is not an engine event (never retained, replayed or logged): {@code type} first,
     * then the payload's {@code fields}, then {@code ts}, as every frame is written.
     */
    private static String reply(String type, double ts, Fields fields) {
        ByteArrayBuilder out = new ByteArrayBuilder(256);
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("type", type);
            g.writeObjectFieldStart("payload");
            fields.write(g);
            g.writeEndObject();
            g.writeFieldName("ts");
            PlainNumbers.write(g, ts);
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + type, e);
        }
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }

    /** A rejected client message, for that client only. */
    public static String clientError(String detail, double ts) {
        return encode(new EngineEvent.ErrorReported("client", detail), ts);
    }

    public static String encode(EngineEvent event, double ts) {
        return new String(utf8(event, ts), StandardCharsets.UTF_8);
    }

    /** {@code {"tickets":[…]}}: the body of {@code /snapshot}. */
    static String tickets(List<Ticket> tickets) {
        try {
            return MAPPER.writeValueAsString(new Tickets(tickets));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the tickets", e);
        }
    }

    record Tickets(List<Ticket> tickets) {
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a document", e);
        }
    }

    // The engine's events are a closed set: each one maps to its payload here, and a new one fails loudly.
    private static void payload(JsonGenerator g, EngineEvent event) throws IOException {
        if (event instanceof EngineEvent.TicketCreated e) {
            VALUES.writeValue(g, e.ticket());
            return;
        } else if (event instanceof EngineEvent.TicketChanged e) {
            VALUES.writeValue(g, e.ticket());
            return;
        }
        g.writeStartObject();
        if (event instanceof EngineEvent.EnvelopePosted e) {
            envelope(g, e.envelope());
        } else if (event instanceof EngineEvent.LogLine e) {
            g.writeStringField("service", e.service());
            g.writeStringField("message", e.message());
            g.writeStringField("level", e.level().wire());
        } else if (event instanceof EngineEvent.ChannelOpened e) {
            g.writeStringField("channel_id", e.channelId());
            g.writeStringField("ticket_id", e.ticketId());
            g.writeStringField("stage", e.stage().wire());
        } else if (event instanceof EngineEvent.SignOffRequested e) {
            g.writeStringField("channel_id", e.channelId());
            g.writeStringField("ticket_id", e.ticketId());
            g.writeFieldName("fixers");
            VALUES.writeValue(g, e.fixers());
            g.writeStringField("rca", e.rca());
            g.writeFieldName("recommendations");
            VALUES.writeValue(g, e.recommendations());
            g.writeStringField("prompt", e.prompt());
            g.writeFieldName("deadline");
            PlainNumbers.write(g, e.deadline());
            // Additions (RUNBOOK.md): each action exactly as it would run, and the digest an approval is bound to.
            g.writeFieldName("actions");
            VALUES.writeValue(g, e.actions());
            g.writeStringField("digest", e.digest());
        } else if (event instanceof EngineEvent.SignOffResolved e) {
            g.writeStringField("channel_id", e.channelId());
            g.writeStringField("decision", e.decision());
            g.writeStringField("outcome", e.outcome().wire());
            g.writeStringField("by", e.by());
            requestId(g, e.requestId());
        } else if (event instanceof EngineEvent.TicketAcknowledged e) {
            g.writeStringField("ticket_id", e.ticketId());
            g.writeStringField("by", e.by());
            g.writeFieldName("at");
            PlainNumbers.write(g, e.at());
            requestId(g, e.requestId());
        } else if (event instanceof EngineEvent.AckOverdue e) {
            g.writeStringField("ticket_id", e.ticketId());
            g.writeStringField("sev", e.sev());
            g.writeFieldName("opened_at");
            PlainNumbers.write(g, e.openedAt());
            g.writeNumberField("after_s", e.afterSeconds());
            g.writeFieldName("at");
            PlainNumbers.write(g, e.at());
        } else if (event instanceof EngineEvent.CommentAdded e) {
            g.writeStringField("ticket_id", e.ticketId());
            g.writeStringField("by", e.by());
            g.writeStringField("text", e.text());
            g.writeFieldName("at");
            PlainNumbers.write(g, e.at());
            requestId(g, e.requestId());
        } else if (event instanceof EngineEvent.ChannelClosed e) {
            g.writeStringField("channel_id", e.channelId());
            g.writeStringField("reason", e.reason());
        } else if (event instanceof EngineEvent.SimState e) {
            g.writeBooleanField("running", e.running());
        } else if (event instanceof EngineEvent.InjectIgnored e) {
            g.writeStringField("incident", e.incident());
            g.writeStringField("reason", e.reason());
            if (e.system() != null) { // (ext) which incident, and which request, was refused
                g.writeStringField("system", e.system());
                g.writeStringField("issue", e.issue());
            }
            if (e.requestId() != null) {
                g.writeStringField("request_id", e.requestId());
            }
        } else if (event instanceof EngineEvent.ErrorReported e) {
            g.writeStringField("where", e.where());
            g.writeStringField("detail", e.detail());
            requestId(g, e.requestId());
        } else if (event instanceof EngineEvent.Snapshot e) {
            g.writeFieldName("tickets");
            VALUES.writeValue(g, e.tickets());
        } else if (!(event instanceof EngineEvent.Reset) && !(event instanceof EngineEvent.Pong)) {
            throw new IllegalArgumentException("no wire shape for " + event.type());
        }
        g.writeEndObject();
    }

    private static void requestId(JsonGenerator g, String id) throws IOException {
        if (id != null) {
            g.writeStringField("request_id", id);
        }
    }

    /** A rejected client message, for that client only, naming the request it refuses (ext) when it had an id. */
    public static String clientError(BadRequest refused, double ts) {
        if (refused.requestId() == null) {
            return clientError(refused.getMessage(), ts);
        }
        ByteArrayBuilder out = new ByteArrayBuilder(256);
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("type", "error");
            g.writeObjectFieldStart("payload");
            g.writeStringField("where", "client");
            g.writeStringField("detail", refused.getMessage());
            g.writeStringField("request_id", refused.requestId());
            g.writeEndObject();
            g.writeFieldName("ts");
            PlainNumbers.write(g, ts);
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write an error frame", e);
        }
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }

    /** The contract's eight fields, plus {@code backend} (ext): which reasoning produced an agent turn. */
    private static void envelope(JsonGenerator g, Envelope e) throws IOException {
        g.writeStringField("channel_id", e.channelId());
        g.writeStringField("sender_id", e.senderId());
        g.writeStringField("sender", e.sender());
        g.writeStringField("event_type", e.eventType());
        g.writeStringField("text", e.text());
        g.writeStringField("tool", e.tool());
        g.writeFieldName("tool_args");
        VALUES.writeValue(g, e.toolArgs());
        g.writeStringField("body", e.body());
        g.writeStringField("backend", e.backend());
    }
}
