package dev.opsdeck.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.event.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that never reads is dropped with 1008 once its unsent bytes pass the bound (a bound in bytes: a few large
 * events weigh as much as many small ones); the others keep their pace.
 */
class SlowClientTest {

    static final int BACKLOG = 1 << 20; // bytes: two and a half rounds
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

    @Test
    void theBoundCountsBytes_soAFewLargeEventsAreEnoughToDropAClientThatNeverReads() throws Exception {
        try (TestBridge t = TestBridge.start(dir, c -> c,
                b -> b.withMaxBacklog(BACKLOG).withDropGrace(Duration.ofSeconds(60)));
             RawClient stuck = new RawClient(t.bridge.port(), "/ws?replay=0")) {
            Recorder reader = t.connect("?replay=0");
            reader.untilType("snapshot");
            String big = "y".repeat(60_000);
            int events = 200; // 12 MB in 200 frames: far beyond the bound in bytes, far below any count of frames
            for (int i = 0; i < events; i++) {
                t.engine.publish(new EngineEvent.LogLine("web-edge-01", i + " " + big, Level.INFO));
                if (i % 10 == 9) { // in rounds a reading client keeps up with
                    String last = i + " ";
                    reader.until(f -> f.type().equals("log") && f.text("message").startsWith(last), "log " + i);
                }
            }
            assertThat(reader.ofType("log")).hasSize(events);

            RawClient.Ending end = stuck.readToEnd();
            assertThat(end.closeCode()).isEqualTo(1008);
            assertThat(end.closeReason()).contains("bytes unsent");
            assertThat(end.textFrames()).isLessThan(events);
        }
    }
}
