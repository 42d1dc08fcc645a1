package dev.opsdeck.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.event.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client that never reads is dropped with 1008 once its backlog passes the bound; the others keep their pace. */
class SlowClientTest {

    static final int BACKLOG = 256;
    static final int ROUNDS = 60;
    static final int PER_ROUND = 100;

    @TempDir
    Path dir;

    @Test
    void aClientThatNeverReads_isDroppedWith1008_whileTheOthersGetEveryEvent() throws Exception {
        try (TestBridge t = TestBridge.start(dir, c -> c,
                b -> b.withMaxBacklog(BACKLOG).withDropGrace(Duration.ofSeconds(60)))) {
            List<Recorder> readers = List.of(t.connect("?replay=0"), t.connect("?replay=0"), t.connect("?replay=0"));
            for (Recorder r : readers) {
                r.untilType("snapshot");
            }
            try (RawClient stuck = new RawClient(t.bridge.port(), "/ws?replay=0")) {
                assertThat(stuck.response()).startsWith("HTTP/1.1 101");
                String line = "x".repeat(4096);
                // Rounds small enough for a reading client's backlog; the stuck one's grows until it is dropped.
                for (int round = 1; round <= ROUNDS; round++) {
                    for (int i = 0; i < PER_ROUND; i++) {
                        t.engine.publish(new EngineEvent.LogLine("web-edge-01", round + "/" + i + " " + line, Level.INFO));
                    }
                    String last = round + "/" + (PER_ROUND - 1) + " ";
                    for (Recorder r : readers) {
                        r.until(f -> f.type().equals("log") && f.text("message").startsWith(last), "log " + last);
                    }
                }
                for (Recorder r : readers) {
                    assertThat(r.ofType("log")).hasSize(ROUNDS * PER_ROUND);
                }

                RawClient.Ending end = stuck.readToEnd();
                assertThat(end.closeCode()).isEqualTo(1008);
                assertThat(end.closeReason()).contains("too slow");
                assertThat(end.textFrames()).isLessThan(ROUNDS * PER_ROUND);
            }
            long deadline = System.nanoTime() + TestBridge.WAIT.toNanos();
            while (t.bridge.clients() != readers.size() && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(2_000_000); // the close completes on the selector thread
            }
            assertThat(t.bridge.clients()).isEqualTo(readers.size());
        }
    }
}
