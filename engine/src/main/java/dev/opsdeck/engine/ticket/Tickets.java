package dev.opsdeck.engine.ticket;

import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.event.EventStream;
import dev.opsdeck.engine.store.Store;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.UnaryOperator;

/**
 * The tickets in view. Every change is written to the store, then published whole, in that order: what a
 * subscriber has seen is on disk. Ids come from the highest number ever issued, archived tickets included, so a
 * number is never reused.
 */
public final class Tickets {

    private static final int FIRST_NUMBER = 7;

    private final Store store;
    private final EventStream stream;
    private final Clock clock;
    // Keyed and ordered by number; changed only with the event that tells it, so a snapshot taken in the stream's
    // order (EventStream.mark) never shows a ticket whose event is still to come, nor misses one already told.
    private final ConcurrentSkipListMap<Integer, Ticket> visible = new ConcurrentSkipListMap<>();
    private int highest;

    public Tickets(Store store, EventStream stream, Clock clock) {
        this.store = store;
        this.stream = stream;
        this.clock = clock;
        this.highest = store.highestNumber();
        for (Ticket t : store.tickets(false)) {
            visible.put(Ticket.number(t.id()), t);
        }
    }

    /** Opens a ticket with the next id and publishes {@code ticket_created}. */
    public synchronized Ticket open(String system, String issue, String sev) {
        highest = Math.max(highest + 1, FIRST_NUMBER);
        Ticket t = Ticket.open(Ticket.idFor(highest), system, issue, sev, clock.millis() / 1000.0);
        store.saveTicket(t);
        stream.publish(new EngineEvent.TicketCreated(t), () -> visible.put(Ticket.number(t.id()), t));
        return t;
    }

    /** Applies a change, stores it and publishes {@code ticket_status} with the whole ticket. */
    public synchronized Ticket change(String id, UnaryOperator<Ticket> change) {
        Ticket before = get(id).orElseThrow(() -> new IllegalArgumentException("no ticket " + id));
        Ticket after = change.apply(before);
        store.saveTicket(after);
        stream.publish(new EngineEvent.TicketChanged(after), () -> visible.put(Ticket.number(id), after));
        return after;
    }

    public Optional<Ticket> get(String id) {
        try {
            return Optional.ofNullable(visible.get(Ticket.number(id)));
        } catch (RuntimeException e) {
            return Optional.empty(); // not a ticket id at all
        }
    }

    /** Tickets in view, oldest first. */
    public List<Ticket> all() {
        return new ArrayList<>(visible.values());
    }

    /**
     * The dedup query: tickets in view with the same system and issue, not themselves duplicates, opened within the
     * lookback and before the asking ticket (so two close repeats never name each other); oldest first.
     */
    public List<Ticket> matching(String system, String issue, int lookbackMinutes, String askingId) {
        double since = clock.millis() / 1000.0 - lookbackMinutes * 60.0;
        int asking = Ticket.number(askingId);
        return all().stream()
                .filter(t -> Ticket.number(t.id()) < asking)
                .filter(t -> t.system().equals(system) && t.issue().equals(issue))
                .filter(t -> t.status() != Status.DUPLICATE)
                .filter(t -> t.createdAt() >= since)
                .toList();
    }

    /** Hides every ticket from the view (they stay stored, their numbers stay taken). */
    public synchronized void archiveAll() {
        store.archiveAll();
        visible.clear();
    }

    public double now() {
        return clock.millis() / 1000.0;
    }
}
