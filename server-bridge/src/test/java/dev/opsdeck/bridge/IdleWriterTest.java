package dev.opsdeck.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.event.Level;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An event that finds the writer idle is written at once: the coalescing window is for a busy stream only. A lone
 * sign-off request used to wait out the whole window before any client saw it.
 */
class IdleWriterTest {

    static final Duration WINDOW = Duration.ofSeconds(1);
    static final int EVENTS = 5;

    @TempDir
    Path dir;

    @Test
    void loneEvents_areNotHeldForTheCoalescingWindow() throws Exception {
        try (TestBridge t = TestBridge.start(dir, c -> c, b -> b.withCoalesce(WINDOW))) {
            Recorder c = t.connect("?replay=0");
            c.untilType("snapshot");
            long start = System.nanoTime();
            for (int i = 0; i < EVENTS; i++) {
                String message = "lone event " + i;
                // One at a time, each after the last arrived: the writer is idle whenever an event comes.
                t.engine.publish(new EngineEvent.LogLine("web-edge-01", message, Level.INFO));
                c.until(f -> f.type().equals("log") && f.text("message").equals(message), message);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            // Held for the window, five events take at least five seconds; written at once, a few milliseconds.
            assertThat(took).isLessThan(WINDOW.multipliedBy(EVENTS).dividedBy(2));
        }
    }
}
