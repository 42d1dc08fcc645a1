package dev.opsdeck.engine;

import dev.opsdeck.engine.store.Store;
import dev.opsdeck.engine.store.StoreException;
import dev.opsdeck.engine.ticket.Ticket;
import dev.opsdeck.engine.ticket.Tickets;
import java.time.Duration;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reminds once when a SEV1 is still not acknowledged some time after it opened ({@code --ack-reminder}): an
 * {@link dev.opsdeck.engine.event.EngineEvent.AckOverdue}, which the console raises as a notification and the
 * outbound webhooks send. Looked at every second on the engine's timer, by the engine's clock. In a team only the
 * server that runs the ticket's flow reminds, and the ticket's history says it was done, so a server that takes the
 * flow over does not remind again.
 */
final class AckReminder {

    private static final Logger log = LoggerFactory.getLogger(AckReminder.class);

    private final Tickets tickets;
    private final Store store;
    private final Predicate<String> runsFlowOf;
    private final Duration after;

    AckReminder(Tickets tickets, Store store, Predicate<String> runsFlowOf, Duration after) {
        this.tickets = tickets;
        this.store = store;
        this.runsFlowOf = runsFlowOf;
        this.after = after;
    }

    /** Reminds for every SEV1 in view that is due; returns how many. */
    int check() {
        double due = tickets.now() - after.toMillis() / 1000.0;
        int told = 0;
        for (Ticket t : tickets.all()) {
            if ("sev1".equals(t.sev()) && t.acked() == null && !t.status().terminal() && !t.ackReminded()
                    && t.createdAt() <= due && (!store.shared() || runsFlowOf.test(t.id()))) {
                try {
                    if (tickets.ackOverdue(t.id(), after)) {
                        told++;
                    }
                } catch (StoreException e) {
                    log.warn("could not record the acknowledgement reminder of {}: {}", t.id(), e.getMessage());
                }
            }
        }
        return told;
    }
}
