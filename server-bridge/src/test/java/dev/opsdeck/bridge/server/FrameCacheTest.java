package dev.opsdeck.bridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.event.Level;
import dev.opsdeck.engine.event.Published;
import org.junit.jupiter.api.Test;

/** The frame cache keeps a window of events, and never more bytes than its budget, however large the events. */
class FrameCacheTest {

    static final long BUDGET = 1 << 20;

    private static Published event(long seq, int chars) {
        return new Published(seq, 1.0, new EngineEvent.LogLine("web-edge-01", seq + " " + "z".repeat(chars), Level.INFO));
    }

    @Test
    void largeEvents_areKeptUpToTheBudgetInBytes_andEveryFrameIsStillEncoded() {
        FrameCache cache = new FrameCache(4000, BUDGET);
        for (long seq = 1; seq <= 4000; seq++) {
            byte[] f = cache.frame(event(seq, 60_000));
            assertThat(f.length).isGreaterThan(60_000);
            assertThat(cache.kept()).isLessThanOrEqualTo(BUDGET);
        }
        assertThat(cache.kept()).as("some kept: a budget, not a switch").isPositive();
    }

    @Test
    void smallEvents_areAllKept_andServedFromTheCache() {
        FrameCache cache = new FrameCache(4000, BUDGET);
        byte[] first = cache.frame(event(7, 10));
        assertThat(cache.frame(event(7, 10))).isSameAs(first);
        for (long seq = 8; seq < 1000; seq++) {
            cache.frame(event(seq, 10));
        }
        assertThat(cache.frame(event(7, 10))).isSameAs(first);
    }
}
