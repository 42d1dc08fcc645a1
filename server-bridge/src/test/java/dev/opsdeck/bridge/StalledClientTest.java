package dev.opsdeck.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.engine.Json;
import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.event.Level;
import java.nio.channels.SelectionKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer's watchdog: no client stays open with its view silently frozen. One whose socket takes nothing for the
 * stall limit is closed with 1008 and told to reconnect (and counted in {@code /healthz}); bytes left waiting on a
 * write demand the socket thread lost are written after all, and nobody is closed for them.
 */
class StalledClientTest {

    // The server's socket buffer grows to 4 MiB here (net.ipv4.tcp_wmem): waiting bytes need more than that.
    private static final String LINE = "z".repeat(25_000);

    @TempDir
    Path dir;

    @Test
    void aClientThatTakesNothingForTheStallLimit_isClosed1008WithAReasonToReconnect_andCounted()
            throws Exception {
        try (TestBridge t = TestBridge.start(dir, c -> c,
                b -> b.withStallLimit(Duration.ofSeconds(2)).withDropGrace(Duration.ofSeconds(60)))) {
            assertThat(stalledClosed(t)).isZero();
            try (RawClient stuck = new RawClient(t.bridge.port(), "/ws?replay=0")) {
                Recorder reader = t.connect("?replay=0");
                reader.untilType("snapshot");
                int events = 400; // ~10 MB: more than the socket buffers hold, far below the 32 MiB bound
                for (int i = 0; i < events; i++) {
                    t.engine.publish(new EngineEvent.LogLine("web-edge-01", i + " " + LINE, Level.INFO));
                }
                String last = (events - 1) + " ";
                reader.until(f -> f.type().equals("log") && f.text("message").startsWith(last), "the last line");

                long deadline = System.nanoTime() + TestBridge.WAIT.toNanos();
                while (stalledClosed(t) == 0 && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(50_000_000); // the watchdog's verdict comes after the stall limit
                }
                assertThat(stalledClosed(t)).as("closed by the watchdog").isEqualTo(1);

                List<String> texts = stuck.readTextsUntil(x -> x.contains("\"type\":\"snapshot\""));
                assertThat(texts).hasSize(1);
                RawClient.Ending end = stuck.readToEnd();
                assertThat(end.closeCode()).isEqualTo(1008);
                assertThat(end.closeReason()).startsWith("too far behind").endsWith("reconnect");
                assertThat(end.textFrames()).as("every event queued before the close, then the close").isEqualTo(events);
            }
            assertThat(stalledClosed(t)).isEqualTo(1);
        }
    }

    @Test
    void bytesLeftOnALostWriteDemand_areWrittenAfterAll_andTheClientIsNotClosedForThem() throws Exception {
        try (TestBridge t = TestBridge.start(dir, c -> c, b -> b.withStallLimit(Duration.ofSeconds(20)))) {
            try (RawClient paused = new RawClient(t.bridge.port(), "/ws?replay=0")) {
                // Joined after the paused client, the reader is offered each batch after it: once the reader has the
                // last line, the writer has queued every line for the paused client too.
                Recorder reader = t.connect("?replay=0");
                reader.untilType("snapshot");
                WebSocketImpl socket = connectionOf(t, paused);
                int events = 400; // ~10 MB: more than half of it waits in the server's queue
                for (int i = 0; i < events; i++) {
                    t.engine.publish(new EngineEvent.LogLine("web-edge-01", i + " " + LINE, Level.INFO));
                }
                String last = (events - 1) + " ";
                reader.until(f -> f.type().equals("log") && f.text("message").startsWith(last), "the last line");

                // What the socket thread does when it finds its queue empty just before another thread queues a
                // batch and asks for a write: it sets the key back to reading only, and the demand is lost.
                synchronized (socket) {
                    assertThat(socket.hasBufferedData()).as("bytes waiting in the server's queue").isTrue();
                    socket.getSelectionKey().interestOps(SelectionKey.OP_READ);
                }

                List<String> texts = paused.readTextsUntil(x -> x.contains("\"message\":\"" + last));
                assertThat(texts).hasSize(events + 1); // the snapshot, then every line
                List<String> order = new ArrayList<>();
                for (String x : texts.subList(1, texts.size())) {
                    JsonNode n = Json.MAPPER.readTree(x);
                    order.add(n.path("payload").path("message").asText().split(" ")[0]);
                }
                for (int i = 0; i < events; i++) {
                    assertThat(order.get(i)).isEqualTo(String.valueOf(i));
                }
            }
            assertThat(stalledClosed(t)).as("nobody closed for the server's own lost demand").isZero();
        }
    }

    private static WebSocketImpl connectionOf(TestBridge t, RawClient client) {
        for (WebSocket c : t.bridge.server().getConnections()) {
            if (c.getRemoteSocketAddress().getPort() == client.localPort()) {
                return (WebSocketImpl) c;
            }
        }
        throw new AssertionError("no connection from port " + client.localPort());
    }

    private static long stalledClosed(TestBridge t) throws Exception {
        return Json.MAPPER.readTree(t.get("/healthz").body()).path("stalled_closed").asLong(-1);
    }
}
