package dev.opsdeck.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.bridge.client.Frame;
import dev.opsdeck.bridge.wire.WireEvents;
import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.event.Published;
import dev.opsdeck.engine.workflow.Envelope;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole flow read back from the wire is the engine's own event records, in the engine's order. */
class WireEventsTest {

    @TempDir
    Path dir;

    private static EngineEvent comparable(EngineEvent e) {
        if (e instanceof EngineEvent.EnvelopePosted p) {
            Envelope x = p.envelope();
            return new EngineEvent.EnvelopePosted(new Envelope(x.channelId(), x.n(), x.senderId(), x.sender(),
                    x.eventType(), x.text(), x.tool(), x.toolArgs(), x.body(), x.backend(), 0));
        }
        return e;
    }

    @Test
    void aFlowDecodedFromTheWire_equalsTheEnginesOwnEvents() throws Exception {
        try (TestBridge t = TestBridge.start(dir)) {
            List<EngineEvent> direct = new CopyOnWriteArrayList<>();
            CompletableFuture<Void> directEnded = new CompletableFuture<>();
            // The direct subscriber is fed on its own thread, so it may still lag the wire client when that one
            // reads the terminal status: wait until it has seen the same.
            t.engine.subscribe("direct", batch -> batch.stream().map(Published::event).forEach(e -> {
                direct.add(e);
                if (e instanceof EngineEvent.TicketChanged ch && ch.ticket().status().terminal()) {
                    directEnded.complete(null);
                }
            }));
            Recorder c = t.connect("?replay=0");
            c.untilType("snapshot");
            c.send(Map.of("type", "inject", "incident", "web_5xx"));
            Frame asked = c.untilType("hitl_requested");
            c.answer(asked.text("channel_id"), "approve");
            c.untilTerminal(asked.text("ticket_id"));
            directEnded.get(TestBridge.WAIT.toSeconds(), TimeUnit.SECONDS);

            WireEvents decoder = new WireEvents();
            List<EngineEvent> decoded = new ArrayList<>();
            for (Frame f : c.frames) {
                decoder.decode(f.type(), f.payload(), f.ts()).filter(e -> !(e instanceof EngineEvent.Snapshot))
                        .map(WireEventsTest::comparable).ifPresent(decoded::add);
            }
            List<EngineEvent> expected = direct.subList(0, decoded.size()).stream().map(WireEventsTest::comparable)
                    .toList();
            assertThat(decoded).hasSizeGreaterThan(30).containsExactlyElementsOf(expected);
        }
    }
}
