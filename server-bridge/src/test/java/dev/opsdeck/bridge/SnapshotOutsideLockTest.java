package dev.opsdeck.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.opsdeck.bridge.client.Frame;
import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.event.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connecting client's snapshot is made outside the engine's publish lock: while it is being encoded (here: held
 * still at the moment it reads the time for its {@code ts}), the engine goes on publishing.
 */
class SnapshotOutsideLockTest {

    /** The wall clock, except that the socket library's threads stop on reading it while armed. */
    static final class HoldingClock extends Clock {
        volatile boolean armed;
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public Instant instant() {
            if (armed && Thread.currentThread().getName().startsWith("WebSocketWorker")) {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return Instant.now();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @TempDir
    Path dir;

    @Test
    void whileAClientsSnapshotIsBeingMade_theEngineStillPublishes() throws Exception {
        HoldingClock clock = new HoldingClock();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (TestBridge t = TestBridge.start(dir, c -> c.withClock(clock), b -> b)) {
            clock.armed = true;
            Future<Recorder> joining = pool.submit(() -> t.connect("?replay=0"));
            assertThat(clock.entered.await(20, TimeUnit.SECONDS)).as("the joining client reads the time").isTrue();
            Future<?> published = pool.submit(() -> t.engine.publish(
                    new EngineEvent.LogLine("web-edge-01", "while a client joins", Level.INFO)));
            try {
                published.get(20, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                fail("publishing waited for a connecting client's snapshot (the publish lock was held)");
            } finally {
                clock.armed = false;
                clock.release.countDown();
            }
            Recorder r = joining.get(20, TimeUnit.SECONDS);
            r.untilType("snapshot");
            Frame log = r.untilType("log");
            assertThat(log.text("message")).isEqualTo("while a client joins");
            assertThat(r.types()).containsExactly("snapshot", "log");
        } finally {
            pool.shutdownNow();
        }
    }
}
