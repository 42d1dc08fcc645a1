package dev.opsdeck.bridge.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opsdeck.engine.Engine;
import dev.opsdeck.engine.EngineConfig;
import dev.opsdeck.engine.Injection;
import dev.opsdeck.engine.Json;
import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.event.Level;
import dev.opsdeck.engine.event.Outcome;
import dev.opsdeck.engine.event.Published;
import dev.opsdeck.engine.ticket.Alert;
import dev.opsdeck.engine.ticket.Status;
import dev.opsdeck.engine.ticket.Ticket;
import dev.opsdeck.engine.workflow.Envelope;
import dev.opsdeck.engine.workflow.Stage;
import dev.opsdeck.engine.world.Incident;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The frames are written by one streaming generator; before, each event went through a Jackson tree whose doubles
 * were rewritten. {@link Reference} is that earlier encoding, kept here to hold the streamed bytes to it: every event
 * of real flows, and hand-made events with the awkward values (doubles of every size, maps to sort, nulls).
 */
class StreamedFramesTest {

    @TempDir
    Path dir;

    @Test
    void plainNumbers_areBigDecimalsPlainText_forTimestampsIntegersAndRandomDoubles() {
        Random r = new Random(15);
        List<Double> values = new ArrayList<>(List.of(0.0, -0.0, 1.0, -1.0, 0.5, 1e-3, 9.99e-4, 1e-5, 1.5e-300,
                Double.MIN_VALUE, 1e7, 9999999.0, 1e21, 1.0e22, 123456789012345678.0, Double.MAX_VALUE,
                -Double.MAX_VALUE, 1763776800.0, 1763776800.25, 1763776800.001, 1763776800.123456, -1763776800.5));
        for (int i = 0; i < 20_000; i++) {
            values.add(Double.longBitsToDouble(r.nextLong()));
            values.add(1.7e9 + r.nextDouble() * 1e8);
            values.add((double) r.nextInt());
            values.add(r.nextDouble());
        }
        for (double d : values) {
            if (Double.isFinite(d)) {
                assertThat(PlainNumbers.of(d)).as("%s", d).isEqualTo(Reference.plain(d).decimalValue().toPlainString());
            }
        }
    }

    @Test
    void handMadeEvents_withEveryAwkwardValue_areTheBytesTheTreeGave() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("z_ratio", 0.000012);
        values.put("a_count", 3);
        values.put("m_seconds", 1763776800.0);
        values.put("huge", 1.0e22);
        values.put("nested", Map.of("b", List.of(1.5, 2, "x"), "a", 7.0e-4));
        values.put("none", null);
        Alert alert = new Alert("alertmanager", "fp-1", Map.of("b", "2", "a", "1"),
                Map.of("summary", "disk \"full\" ✓"), "http://x/graph", "2026-11-29T22:00:00Z", values,
                Map.of("graph", "http://x/?a=1&b=2"));
        Ticket t = Ticket.open("INC-042", "web-1", "disk_full", "sev1", 1763776800.123)
                .withStatus(Status.DIAGNOSING, "é \u2028 \u0001").stamped(1763776801.0, "inject")
                .withDiagnosis("rca", "high", List.of("step 1", "step 2")).withAlert(alert)
                .withStatus(Status.REMEDIATION_RECOMMENDED, null).stamped(1.0e10, "engine");
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("steps", List.of("a", "b"));
        args.put("lookback_minutes", 15);
        args.put("ratio", 0.25);
        args.put("evidence", null);
        List<EngineEvent> events = List.of(new EngineEvent.TicketCreated(t), new EngineEvent.TicketChanged(t),
                new EngineEvent.EnvelopePosted(Envelope.packet("c1", 3, "Triage", "assign", args, "body", "rules",
                        1.0)),
                new EngineEvent.EnvelopePosted(Envelope.packet("c1", 4, "Triage", "assign", null, null, null, 2.0)),
                new EngineEvent.EnvelopePosted(Envelope.text("c1", 1, "TicketBot", "line\nline \"q\"", 3.0)),
                new EngineEvent.SignOffRequested("c2", "INC-042", List.of("infra", "human"), null, List.of(),
                        "Sign off?", 1763777100.75),
                new EngineEvent.SignOffResolved("c2", null, Outcome.DECLINED, "client-1"),
                new EngineEvent.ChannelOpened("c2", "INC-042", Stage.REMEDIATION),
                new EngineEvent.ChannelClosed("c2", "resolved"), new EngineEvent.LogLine("web-1", "GET /", Level.WARN),
                new EngineEvent.SimState(false), new EngineEvent.Reset(), new EngineEvent.Pong(),
                new EngineEvent.InjectIgnored("k", "debounced"), new EngineEvent.ErrorReported("client", "bad"),
                new EngineEvent.Snapshot(List.of(t, Ticket.open("INC-001", "a", "b", "sev3", 5.0))),
                new EngineEvent.Snapshot(List.of()));
        for (EngineEvent e : events) {
            for (double ts : new double[] {1763776800.25, 1763776800.0, 0.001, 1.0e-4}) {
                assertThat(WireFormat.encode(e, ts)).as(e.type()).isEqualTo(Reference.encode(e, ts));
            }
        }
        assertThat(Documents.snapshot(List.of(t))).isEqualTo(Reference.write(Reference.tickets(List.of(t))));
    }

    @Test
    void everyEventOfRealFlows_isTheBytesTheTreeGave() throws Exception {
        LinkedBlockingQueue<Published> seen = new LinkedBlockingQueue<>();
        try (Engine engine = Engine.start(EngineConfig.defaults(dir).withDebounce(Duration.ZERO))) {
            engine.subscribe("test", seen::addAll);
            Set<String> open = new HashSet<>();
            for (Incident i : engine.world().incidents()) {
                open.add(engine.inject(Injection.of(i.key())).ticketId());
            }
            List<Published> all = new ArrayList<>();
            Set<String> kinds = new HashSet<>();
            while (!open.isEmpty()) {
                Published p = seen.poll(60, TimeUnit.SECONDS);
                assertThat(p).as("an event within a minute; still open: %s", open).isNotNull();
                all.add(p);
                kinds.add(p.event().type());
                if (p.event() instanceof EngineEvent.SignOffRequested s) {
                    engine.answer(s.channelId(), "approve", "test");
                } else if (p.event() instanceof EngineEvent.TicketChanged c && c.ticket().status().terminal()) {
                    open.remove(c.ticket().id());
                }
            }
            assertThat(kinds).contains("ticket_created", "ticket_status", "envelope", "hitl_requested",
                    "hitl_resolved", "channel_opened", "channel_closed", "log");
            for (Published p : all) {
                assertThat(new String(WireFormat.utf8(p), StandardCharsets.UTF_8)).as("seq %d", p.seq())
                        .isEqualTo(Reference.encode(p.event(), p.ts()));
            }
            assertThat(WireFormat.snapshot(engine.tickets(), 7.5))
                    .isEqualTo(Reference.encode(new EngineEvent.Snapshot(engine.tickets()), 7.5));
        }
    }

    /** The encoding as it was before the frames were streamed: a tree per event, its doubles rewritten. */
    static final class Reference {

        static final ObjectMapper MAPPER = Json.MAPPER.copy().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

        static DecimalNode plain(double d) {
            BigDecimal b = BigDecimal.valueOf(d);
            return DecimalNode.valueOf(b.scale() > 0 ? b : b.setScale(1));
        }

        static JsonNode rewrite(JsonNode node) {
            if (node instanceof ObjectNode o) {
                Iterator<Map.Entry<String, JsonNode>> fields = o.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> f = fields.next();
                    f.setValue(rewrite(f.getValue()));
                }
            } else if (node instanceof ArrayNode a) {
                for (int i = 0; i < a.size(); i++) {
                    a.set(i, rewrite(a.get(i)));
                }
            } else if (node != null && node.isFloatingPointNumber() && !node.isBigDecimal()
                    && Double.isFinite(node.doubleValue())) {
                return plain(node.doubleValue());
            }
            return node;
        }

        static JsonNode tree(Object value) {
            return rewrite(MAPPER.valueToTree(value));
        }

        static ObjectNode tickets(List<Ticket> tickets) {
            ObjectNode n = MAPPER.createObjectNode();
            n.set("tickets", tree(tickets));
            return n;
        }

        static String write(JsonNode node) {
            try {
                return MAPPER.writeValueAsString(node);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        static String encode(EngineEvent event, double ts) {
            ObjectNode frame = MAPPER.createObjectNode();
            frame.put("type", event.type());
            frame.set("payload", payload(event));
            frame.set("ts", plain(ts));
            return write(frame);
        }

        static JsonNode payload(EngineEvent event) {
            ObjectNode p = MAPPER.createObjectNode();
            if (event instanceof EngineEvent.TicketCreated e) {
                return tree(e.ticket());
            } else if (event instanceof EngineEvent.TicketChanged e) {
                return tree(e.ticket());
            } else if (event instanceof EngineEvent.ChannelOpened e) {
                p.put("channel_id", e.channelId());
                p.put("ticket_id", e.ticketId());
                p.put("stage", e.stage().wire());
            } else if (event instanceof EngineEvent.EnvelopePosted ep) {
                Envelope e = ep.envelope();
                p.put("channel_id", e.channelId());
                p.put("sender_id", e.senderId());
                p.put("sender", e.sender());
                p.put("event_type", e.eventType());
                p.put("text", e.text());
                p.put("tool", e.tool());
                p.set("tool_args", tree(e.toolArgs()));
                p.put("body", e.body());
                p.put("backend", e.backend());
            } else if (event instanceof EngineEvent.SignOffRequested e) {
                p.put("channel_id", e.channelId());
                p.put("ticket_id", e.ticketId());
                p.set("fixers", tree(e.fixers()));
                p.put("rca", e.rca());
                p.set("recommendations", tree(e.recommendations()));
                p.put("prompt", e.prompt());
                p.set("deadline", plain(e.deadline()));
                p.set("actions", tree(e.actions()));
                p.put("digest", e.digest());
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
            }
            return p;
        }
    }
}
