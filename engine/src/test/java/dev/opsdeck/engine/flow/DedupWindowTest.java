package dev.opsdeck.engine.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.engine.testing.EngineFixture;
import dev.opsdeck.engine.testing.TestClock;
import dev.opsdeck.engine.ticket.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The 15-minute lookback at its edges, on a clock the test moves. */
class DedupWindowTest {

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock(Instant.parse("2026-11-22T03:00:00Z"));

    private Status secondAfter(Duration gap) {
        try (EngineFixture f = new EngineFixture(dir, c -> c.withClock(clock)).answering(Texts.APPROVE)) {
            String first = f.inject("storage_io_error");
            f.recorder.awaitTerminal(first, EngineFixture.WAIT);
            clock.advance(gap);
            String second = f.inject("storage_io_error");
            f.recorder.awaitTerminal(second, EngineFixture.WAIT);
            return f.engine.ticket(second).orElseThrow().status();
        }
    }

    @Test
    void aRepeatAfter14m59s_isADuplicate() {
        assertThat(secondAfter(Duration.ofMinutes(14).plusSeconds(59))).isEqualTo(Status.DUPLICATE);
    }

    @Test
    void aRepeatAfter15m01s_isANewIncident() {
        assertThat(secondAfter(Duration.ofMinutes(15).plusSeconds(1))).isEqualTo(Status.RESOLVED);
    }

    @Test
    void theLookupReportsTheParentsAgeInWholeMinutes() {
        try (EngineFixture f = new EngineFixture(dir, c -> c.withClock(clock)).answering(Texts.APPROVE)) {
            String first = f.inject("storage_io_error");
            f.recorder.awaitTerminal(first, EngineFixture.WAIT);
            clock.advance(Duration.ofMinutes(7).plusSeconds(40));
            String second = f.inject("storage_io_error");
            f.recorder.awaitTerminal(second, EngineFixture.WAIT);
            String lookup = f.engine.journal(second + ".diagnosis").get(1).body();
            assertThat(lookup).contains("Found 1 recent ticket: " + first + " opened ~7 min ago — storage_io_error on "
                    + "storage-node-04, status=Resolved, root_cause='");
            assertThat(lookup).contains(", recommendations=['").endsWith(". Same system and issue type as the current incident.");
        }
    }
}
