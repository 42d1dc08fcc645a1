package dev.opsdeck.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.engine.Injection;
import dev.opsdeck.engine.Json;
import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.event.Level;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that connect while flows run: each one's snapshot, then the events after it, fold to exactly the server's
 * final tickets, and those events are an exact tail of what a client connected from the start saw (no gap, no
 * event twice, same order).
 */
class LateJoinerTest {

    static final int FLOWS = 50;
    static final int CLIENTS = 200;
    static final String END = "late-joiner-test: end";

    @TempDir
    Path dir;

    @Test
    void twoHundredClientsJoiningWhileFiftyFlowsRun_eachFoldsToTheFinalState_withNoEventTwice() throws Exception {
        List<String> incidents = List.of("web_5xx", "storage_io_error", "web_upstream_timeout", "net_unreachable", "storage_disk_offline");
        try (TestBridge t = TestBridge.start(dir, c -> c.withMaxFlows(FLOWS).withSignOffDeadline(Duration.ofMillis(50)),
                b -> b);
             RawClient reference = new RawClient(t.bridge.port(), "/ws?replay=0")) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<RawClient>> joining = new ArrayList<>();
            try {
                for (int wave = 0; wave < 5; wave++) {
                    for (int i = 0; i < FLOWS / 5; i++) {
                        t.engine.inject(Injection.of(incidents.get(i % incidents.size())));
                    }
                    for (int i = 0; i < CLIENTS / 5; i++) {
                        joining.add(pool.submit(() -> new RawClient(t.bridge.port(), "/ws?replay=0")));
                    }
                }
                List<RawClient> clients = new ArrayList<>();
                for (Future<RawClient> f : joining) {
                    clients.add(f.get());
                }
                long deadline = System.nanoTime() + TestBridge.WAIT.toNanos();
                while (t.engine.runningFlows() > 0 && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(5_000_000); // a condition polled, not a delay waited out
                }
                assertThat(t.engine.runningFlows()).as("flows still running").isZero();
                t.engine.publish(new EngineEvent.LogLine("test", END, Level.INFO)); // the last event anyone gets

                Map<String, JsonNode> server = byId(Json.MAPPER.readTree(t.get("/snapshot").body()).path("tickets"));
                assertThat(server).hasSize(FLOWS);
                List<String> all = events(reference.readTextsUntil(LateJoinerTest::isEnd));
                for (RawClient c : clients) {
                    List<String> frames = c.readTextsUntil(LateJoinerTest::isEnd);
                    JsonNode snapshot = Json.MAPPER.readTree(frames.get(0));
                    assertThat(snapshot.path("type").asText()).isEqualTo("snapshot");
                    List<String> after = frames.subList(1, frames.size());
                    assertThat(after).as("the events after a snapshot are a tail of the stream")
                            .containsExactlyElementsOf(all.subList(all.size() - after.size(), all.size()));
                    assertThat(fold(snapshot.path("payload").path("tickets"), after)).isEqualTo(server);
                    c.close();
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static boolean isEnd(String frame) {
        return frame.contains(END);
    }

    private static List<String> events(List<String> frames) {
        return frames.subList(1, frames.size()); // less the snapshot
    }

    /** Tickets as a client builds them: a creation must be new, a change must be of a ticket it has. */
    private static Map<String, JsonNode> fold(JsonNode snapshot, List<String> events) {
        Map<String, JsonNode> tickets = byId(snapshot);
        for (String raw : events) {
            JsonNode e;
            try {
                e = Json.MAPPER.readTree(raw);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            String type = e.path("type").asText();
            String id = e.path("payload").path("id").asText();
            if (type.equals("ticket_created")) {
                if (tickets.containsKey(id)) {
                    fail(id + " created twice: once in the snapshot, once as an event");
                }
                tickets.put(id, e.path("payload"));
            } else if (type.equals("ticket_status")) {
                if (!tickets.containsKey(id)) {
                    fail("a change of " + id + ", which this client was never shown");
                }
                tickets.put(id, e.path("payload"));
            }
        }
        return tickets;
    }

    private static Map<String, JsonNode> byId(JsonNode tickets) {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        tickets.forEach(t -> m.put(t.path("id").asText(), t));
        return m;
    }
}
