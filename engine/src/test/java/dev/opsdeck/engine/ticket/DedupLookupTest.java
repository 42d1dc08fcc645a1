package dev.opsdeck.engine.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.engine.event.EventStream;
import dev.opsdeck.engine.store.Store;
import dev.opsdeck.engine.testing.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The intake's dedup look-up (by system and issue, through an index kept with the view): only the same pair, only
 * earlier tickets, no duplicates, only within the lookback, and nothing a reset took out of view.
 */
class DedupLookupTest {

    @TempDir
    Path dir;

    @Test
    void findsEarlierTicketsOfTheSamePairWithinTheLookback_andNothingAfterAReset() {
        TestClock clock = new TestClock(Instant.parse("2026-11-30T02:00:00Z"));
        EventStream stream = new EventStream(clock, 100);
        try (Store store = Store.open(dir)) {
            Tickets tickets = new Tickets(store, stream, clock);
            Ticket old = tickets.open("web-edge-01", "web_5xx", "sev2");
            clock.advance(Duration.ofMinutes(20));
            Ticket first = tickets.open("web-edge-01", "web_5xx", "sev2");
            tickets.open("web-edge-02", "web_5xx", "sev2");
            tickets.open("web-edge-01", "net_unreachable", "sev2");
            Ticket dup = tickets.open("web-edge-01", "web_5xx", "sev2");
            tickets.change(dup.id(), t -> t.withStatus(Status.DUPLICATE, "duplicate of " + first.id()));
            Ticket asking = tickets.open("web-edge-01", "web_5xx", "sev2");
            Ticket later = tickets.open("web-edge-01", "web_5xx", "sev2");

            assertThat(tickets.matching("web-edge-01", "web_5xx", 15, asking.id())).extracting(Ticket::id)
                    .as("same pair, earlier, not a duplicate, within 15 min").containsExactly(first.id());
            assertThat(tickets.matching("web-edge-01", "web_5xx", 30, asking.id())).extracting(Ticket::id)
                    .containsExactly(old.id(), first.id());
            assertThat(tickets.matching("web-edge-01", "web_5xx", 15, later.id())).extracting(Ticket::id)
                    .containsExactly(first.id(), asking.id());
            assertThat(tickets.matching("db-01", "web_5xx", 15, later.id())).isEmpty();

            tickets.reset();
            Ticket after = tickets.open("web-edge-01", "web_5xx", "sev2");
            assertThat(tickets.matching("web-edge-01", "web_5xx", 15, after.id())).isEmpty();
        }
    }
}
