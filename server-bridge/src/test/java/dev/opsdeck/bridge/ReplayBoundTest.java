package dev.opsdeck.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.event.Level;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replay is bounded in bytes as well as in events: a retained log larger than a client may have unsent is cut to
 * its newest events, and the client stays connected (it used to be dropped 1008 the moment it joined).
 */
class ReplayBoundTest {

    static final int BACKLOG = 1 << 20;
    static final int EVENTS = 100;

    @TempDir
    Path dir;

    @Test
    void aReplayLargerThanTheBacklogBound_isCutToItsNewestEvents_andTheClientStays() throws Exception {
        try (TestBridge t = TestBridge.start(dir, c -> c, b -> b.withMaxBacklog(BACKLOG))) {
            String big = "y".repeat(60_000);
            for (int i = 0; i < EVENTS; i++) { // 6 MB retained, six times the bound
                t.engine.publish(new EngineEvent.LogLine("web-edge-01", i + " " + big, Level.INFO));
            }
            Recorder c = t.connect("");
            c.untilType("snapshot");
            c.send(Map.of("type", "ping"));
            c.untilType("pong");

            var logs = c.ofType("log").stream().filter(f -> f.text("message").endsWith(big)).toList();
            assertThat(logs).isNotEmpty().hasSizeLessThan(EVENTS);
            assertThat(logs.get(logs.size() - 1).text("message")).startsWith((EVENTS - 1) + " ");
            int first = Integer.parseInt(logs.get(0).text("message").split(" ")[0]);
            assertThat(logs).as("the newest, contiguous").hasSize(EVENTS - first);
            assertThat(t.bridge.clients()).isEqualTo(1);
        }
    }
}
