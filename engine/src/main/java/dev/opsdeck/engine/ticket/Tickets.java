package dev.opsdeck.engine.ticket;

import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.event.EventStream;
import dev.opsdeck.engine.store.Store;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
    // By number, so the view is in id order without sorting it (a flood of alerts makes it long). Changed only with
    // the event that tells the change (show, inside EventStream.publish), so a snapshot taken in the stream's order
    // (EventStream.mark) never shows a ticket whose event is still to come, nor misses one already told.
    private final ConcurrentSkipListMap<Integer, Ticket> visible = new ConcurrentSkipListMap<>();
    /** Alert fingerprint → the newest ticket in view opened for it. */
    private final Map<String, String> byFingerprint = new ConcurrentHashMap<>();
    private int highest;

    public Tickets(Store store, EventStream stream, Clock clock) {
        this.store = store;
        this.stream = stream;
        this.clock = clock;
        this.highest = store.highestNumber();
        for (Ticket t : store.tickets(false)) {
            show(t);
        }
    }

    /** Opens a ticket with the next id and publishes {@code ticket_created}. */
    public synchronized Ticket open(String system, String issue, String sev) {
        highest = Math.max(highest + 1, FIRST_NUMBER);
        double now = clock.millis() / 1000.0;
        Ticket t = Ticket.open(Ticket.idFor(highest), system, issue, sev, now).stamped(now, OPENER);
        store.saveTicket(t);
        stream.publish(new EngineEvent.TicketCreated(t), () -> show(t));
        return t;
    }

    /**
     * Opens tickets for alerts and changes others in one transaction, then publishes: a delivery is on disk whole
     * before anyone hears of it, or not at all.
     */
    public synchronized List<Ticket> record(List<Opening> openings, Map<String, UnaryOperator<Ticket>> changes) {
        List<Ticket> created = new ArrayList<>();
        int next = highest;
        double now = clock.millis() / 1000.0;
        for (Opening o : openings) {
            next = Math.max(next + 1, FIRST_NUMBER);
            Ticket t = Ticket.open(Ticket.idFor(next), o.system(), o.issue(), o.sev(), now).withAlert(o.alert());
            for (String note : o.notes()) {
                t = t.withNote(note);
            }
            created.add(t.stamped(now, ALERT));
        }
        List<Ticket> changed = new ArrayList<>();
        changes.forEach((id, change) -> changed.add(change.apply(get(id)
                .orElseThrow(() -> new IllegalArgumentException("no ticket " + id))).stamped(now, ALERT)));
        List<Ticket> all = new ArrayList<>(created);
        all.addAll(changed);
        store.saveTickets(all);
        highest = next;
        for (Ticket t : created) {
            stream.publish(new EngineEvent.TicketCreated(t), () -> show(t));
        }
        for (Ticket t : changed) {
            stream.publish(new EngineEvent.TicketChanged(t), () -> show(t));
        }
        return created;
    }

    /** A ticket to open for an alert, with history lines beyond {@code created} (say, that it waits for a slot). */
    public record Opening(String system, String issue, String sev, Alert alert, List<String> notes) {
        public Opening {
            notes = List.copyOf(notes);
        }

        public Opening noting(String line) {
            List<String> n = new ArrayList<>(notes);
            n.add(line);
            return new Opening(system, issue, sev, alert, n);
        }
    }

    /** The newest ticket in view opened for this alert fingerprint. */
    public Optional<Ticket> forAlert(String fingerprint) {
        String id = byFingerprint.get(fingerprint);
        return id == null ? Optional.empty() : get(id);
    }

    private void show(Ticket t) {
        visible.put(Ticket.number(t.id()), t);
        if (t.alert() != null) {
            byFingerprint.merge(t.alert().fingerprint(), t.id(),
                    (old, now) -> Ticket.number(now) >= Ticket.number(old) ? now : old);
        }
    }

    /** Who wrote a history line when no agent's post caused it. */
    public static final String ENGINE = "engine";
    static final String OPENER = "inject";
    static final String ALERT = "alert";

    /** Applies a change, stores it and publishes {@code ticket_status} with the whole ticket. */
    public Ticket change(String id, UnaryOperator<Ticket> change) {
        return change(id, ENGINE, change);
    }

    /**
     * Applies a change {@code by} someone (the agent whose post caused it), stamping any history line it adds with
     * the time and {@code by}, stores it and publishes {@code ticket_status} with the whole ticket.
     */
    public synchronized Ticket change(String id, String by, UnaryOperator<Ticket> change) {
        Ticket before = get(id).orElseThrow(() -> new IllegalArgumentException("no ticket " + id));
        Ticket after = change.apply(before).stamped(now(), by);
        store.saveTicket(after);
        stream.publish(new EngineEvent.TicketChanged(after), () -> show(after));
        return after;
    }

    public Optional<Ticket> get(String id) {
        try {
            return Optional.ofNullable(visible.get(Ticket.number(id)));
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
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
        return visible.headMap(Ticket.number(askingId)).values().stream()
                .filter(t -> t.system().equals(system) && t.issue().equals(issue))
                .filter(t -> t.status() != Status.DUPLICATE)
                .filter(t -> t.createdAt() >= since)
                .toList();
    }

    /** Hides every ticket from the view (they stay stored, their numbers stay taken). */
    public synchronized void archiveAll() {
        store.archiveAll();
        visible.clear();
        byFingerprint.clear();
    }

    public double now() {
        return clock.millis() / 1000.0;
    }
}
