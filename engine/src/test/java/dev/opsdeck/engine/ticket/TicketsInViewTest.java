package dev.opsdeck.engine.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.engine.event.EventStream;
import dev.opsdeck.engine.event.Subscription;
import dev.opsdeck.engine.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tickets in view change with the event that tells the change, atomically: read in the stream's order (as a
 * joining client's snapshot is), they show a ticket exactly when its {@code ticket_created} is already published.
 * Otherwise a late joiner gets the ticket twice (in its snapshot, then as an event) or misses one.
 */
class TicketsInViewTest {

    @TempDir
    Path dir;

    @Test
    void aTicketWhoseEventIsStillWaitingToBePublished_isNotInViewYet() throws Exception {
        EventStream stream = new EventStream(Clock.systemUTC(), 100);
        try (Store store = Store.open(dir)) {
            Tickets tickets = new Tickets(store, stream, Clock.systemUTC());
            Thread opener = new Thread(() -> tickets.open("web-edge-01", "web_5xx", "sev2"), "opener");
            AtomicReference<List<Ticket>> seenWhileHeld = new AtomicReference<>();
            // A subscriber's start holds the stream's order while it reads (as a joining client's snapshot does):
            // the opener gets as far as it can, then must wait to publish.
            Subscription holder = stream.subscribe("holder", false, () -> {
                opener.start();
                while (opener.getState() != Thread.State.BLOCKED && opener.isAlive()) {
                    LockSupport.parkNanos(1_000_000); // polling the opener's state, not waiting out a delay
                }
                seenWhileHeld.set(tickets.all());
            }, batch -> { });
            opener.join();
            holder.close();

            assertThat(seenWhileHeld.get()).as("in view before its ticket_created was published").isEmpty();
            assertThat(stream.retained()).hasSize(1);
            assertThat(tickets.all()).extracting(Ticket::id).containsExactly("INC-007");
        }
    }
}
