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
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.UnaryOperator;

/**
 * The tickets in view. Every change is published whole as a ticket event, which the stream has the store record
 * first: what a subscriber has seen is on disk, and the stored ticket is the fold of its events. Ids come from the
 * highest number ever issued, archived tickets included (from the database when the store is shared), so a number
 * is never reused. Another server's ticket events (team mode) come in through {@link #recorded}.
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
    // The intake's dedup look-up runs for every new incident: by system and issue (neither changes after opening)
    // it reads the few tickets of that pair, not a view that grows all day.
    private final Map<Pair, ConcurrentSkipListSet<Integer>> byPair = new ConcurrentHashMap<>();
    private final Store.View loaded;
    private int highest;

    public Tickets(Store store, EventStream stream, Clock clock) {
        this.store = store;
        this.stream = stream;
        this.clock = clock;
        this.highest = store.highestNumber();
        this.loaded = store.view();
        for (Ticket t : loaded.tickets()) {
            show(t);
        }
    }

    /** Where in the event log the view was loaded: another server's events follow it. */
    public Store.View loaded() {
        return loaded;
    }

    /**
     * The next ticket number: from the database when it is shared (leased to this server at once, so no other
     * server takes its flow over before it starts), else one above the highest ever issued.
     */
    private int nextNumber() {
        if (store.shared()) {
            int n = store.issueNumber();
            store.lease(Ticket.idFor(n));
            return n;
        }
        highest = Math.max(highest + 1, FIRST_NUMBER);
        return highest;
    }

    /** Opens a ticket with the next id and publishes {@code ticket_created}. */
    public synchronized Ticket open(String system, String issue, String sev) {
        int number = nextNumber();
        double now = clock.millis() / 1000.0;
        Ticket t = Ticket.open(Ticket.idFor(number), system, issue, sev, now).stamped(now, OPENER);
        stream.publish(new EngineEvent.TicketCreated(t), () -> show(t));
        return t;
    }

    /**
     * Opens tickets for alerts and changes others in one transaction, then publishes: a delivery is on disk whole
     * before anyone hears of it, or not at all.
     */
    public synchronized List<Ticket> record(List<Opening> openings, Map<String, UnaryOperator<Ticket>> changes) {
        List<Ticket> created = new ArrayList<>();
        int before = highest;
        double now = clock.millis() / 1000.0;
        for (Opening o : openings) {
            Ticket t = Ticket.open(Ticket.idFor(nextNumber()), o.system(), o.issue(), o.sev(), now)
                    .withAlert(o.alert());
            for (String note : o.notes()) {
                t = t.withNote(note);
            }
            created.add(t.stamped(now, ALERT));
        }
        List<Ticket> changed = new ArrayList<>();
        changes.forEach((id, change) -> changed.add(change.apply(get(id)
                .orElseThrow(() -> new IllegalArgumentException("no ticket " + id))).stamped(now, ALERT)));
        List<EngineEvent> events = new ArrayList<>();
        created.forEach(t -> events.add(new EngineEvent.TicketCreated(t)));
        changed.forEach(t -> events.add(new EngineEvent.TicketChanged(t)));
        try {
            stream.publishAll(events, () -> {
                created.forEach(this::show);
                changed.forEach(this::show);
            });
        } catch (RuntimeException e) {
            highest = before; // nothing was recorded: the numbers were not issued (a shared store's are spent)
            throw e;
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

    private record Pair(String system, String issue) {
    }

    private void show(Ticket t) {
        int number = Ticket.number(t.id());
        if (visible.put(number, t) == null) {
            byPair.computeIfAbsent(new Pair(t.system(), t.issue()), k -> new ConcurrentSkipListSet<>()).add(number);
        }
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
    public Ticket change(String id, String by, UnaryOperator<Ticket> change) {
        return change(id, by, change, () -> { });
    }

    /**
     * As above; {@code once} runs when the change is recorded, before anyone sees it published (never, if the store
     * refused it). Keep it to a few field writes: every publisher waits for it.
     */
    public synchronized Ticket change(String id, String by, UnaryOperator<Ticket> change, Runnable once) {
        Ticket before = get(id).orElseThrow(() -> new IllegalArgumentException("no ticket " + id));
        Ticket after = change.apply(before).stamped(now(), by);
        stream.publish(new EngineEvent.TicketChanged(after), () -> {
            once.run();
            show(after);
        });
        return after;
    }

    /**
     * {@code by} takes the ticket: {@link EngineEvent.TicketAcknowledged} and the ticket's change, in one write. Taken
     * again by the same person: nothing new. Taken by another, or a ticket that has ended: refused.
     */
    public synchronized Act acknowledge(String id, String by, String requestId) {
        Optional<Ticket> found = get(id);
        if (found.isEmpty()) {
            return Act.refused(Act.Result.UNKNOWN_TICKET, "no ticket " + id + " in view");
        }
        Ticket before = found.get();
        if (before.acked() != null) {
            return before.acked().by().equals(by) ? Act.done(before) : Act.refused(Act.Result.CONFLICT, id
                    + " is already acknowledged by " + before.acked().by() + " at " + Clocks.hhmm(before.acked().at()));
        }
        if (before.status().terminal()) {
            return Act.refused(Act.Result.CONFLICT, id + " has ended (" + before.status().label()
                    + "): there is nothing to acknowledge");
        }
        double now = now();
        Ticket after = before.withAck(by, now).stamped(now, by);
        stream.publishAll(List.of(new EngineEvent.TicketAcknowledged(id, by, now, requestId),
                new EngineEvent.TicketChanged(after)), () -> show(after));
        return Act.done(after);
    }

    /**
     * The reminder for a SEV1 nobody took within {@code after}: {@link EngineEvent.AckOverdue} and the ticket's
     * change (its history says so, which is how it is told once), in one write. False, and nothing written, when it
     * no longer applies (taken, ended, reminded already, not a SEV1).
     */
    public synchronized boolean ackOverdue(String id, java.time.Duration after) {
        Ticket before = get(id).orElse(null);
        if (before == null || !"sev1".equals(before.sev()) || before.acked() != null || before.status().terminal()
                || before.ackReminded()) {
            return false;
        }
        double now = now();
        Ticket changed = before.withAckOverdue(Durations.say(after)).stamped(now, ENGINE);
        stream.publishAll(List.of(new EngineEvent.AckOverdue(id, before.sev(), before.createdAt(), after.toSeconds(),
                now), new EngineEvent.TicketChanged(changed)), () -> show(changed));
        return true;
    }

    /** {@code by} comments on the ticket: {@link EngineEvent.CommentAdded} and the ticket's change, in one write. */
    public synchronized Act comment(String id, String by, String text, String requestId) {
        Optional<Ticket> found = get(id);
        if (found.isEmpty()) {
            return Act.refused(Act.Result.UNKNOWN_TICKET, "no ticket " + id + " in view");
        }
        String kept;
        try {
            kept = Remarks.clean(text);
        } catch (IllegalArgumentException e) {
            return Act.refused(Act.Result.INVALID, e.getMessage());
        }
        double now = now();
        Ticket after = found.get().withComment(new Ticket.Comment(now, by, kept)).stamped(now, by);
        stream.publishAll(List.of(new EngineEvent.CommentAdded(id, by, kept, now, requestId),
                new EngineEvent.TicketChanged(after)), () -> show(after));
        return Act.done(after);
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
        ConcurrentSkipListSet<Integer> numbers = byPair.get(new Pair(system, issue));
        if (numbers == null) {
            return List.of();
        }
        return numbers.headSet(Ticket.number(askingId)).stream()
                .map(visible::get)
                .filter(t -> t != null && t.status() != Status.DUPLICATE)
                .filter(t -> t.createdAt() >= since)
                .toList();
    }

    /** Publishes a reset: every ticket leaves the view (they stay stored, archived; their numbers stay taken). */
    public synchronized void reset() {
        stream.publish(new EngineEvent.Reset(), this::clearView);
    }

    private void clearView() {
        visible.clear();
        byFingerprint.clear();
        byPair.clear();
    }

    /**
     * Publishes an event another server recorded (read from the shared log), applying what it says about tickets:
     * a change to a ticket no longer in view (a reset here archived it) is not news to anyone and is dropped.
     */
    public void recorded(EngineEvent event) {
        // Without the tickets' lock: this server changes no ticket whose flow another server runs, and a local
        // change holds that lock through its disk write, so waiting for it would stall everything read from the log.
        if (event instanceof EngineEvent.TicketCreated c) {
            stream.publishRecorded(event, () -> show(c.ticket()));
        } else if (event instanceof EngineEvent.TicketChanged c) {
            Ticket before = visible.get(Ticket.number(c.ticket().id()));
            if (before != null) {
                Ticket merged = c.ticket().keepingRemarksOf(before);
                stream.publishRecorded(merged == c.ticket() ? event : new EngineEvent.TicketChanged(merged),
                        () -> show(merged));
            }
        } else if (event instanceof EngineEvent.Reset) {
            stream.publishRecorded(event, this::clearView);
        } else {
            stream.publishRecorded(event, () -> { });
        }
    }

    /**
     * After another server's write of a ticket whose flow runs here ({@link #recorded}): a person's act taken there
     * (an ack, a comment) may have raced a change this server was writing from a copy without it, which then
     * overwrote it. Under the tickets' lock, so after any such change, the acts this copy lacks are taken into it and
     * it is written again: the ticket's row ends with both.
     */
    public synchronized void takeRemarks(Ticket other) {
        Ticket before = visible.get(Ticket.number(other.id()));
        if (before == null) {
            return;
        }
        Ticket merged = before.withRemarksOf(other);
        if (merged != before) {
            stream.publish(new EngineEvent.TicketChanged(merged), () -> show(merged));
        }
    }

    public double now() {
        return clock.millis() / 1000.0;
    }
}
