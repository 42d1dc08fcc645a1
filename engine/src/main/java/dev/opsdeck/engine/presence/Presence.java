package dev.opsdeck.engine.presence;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/**
 * Who is connected, to this server and (in a team) to the others: the people each server's clients are. This server's
 * own connections are told by its bridge ({@link #arrived}, {@link #left}) and kept here in memory; in a team the
 * others' come from the shared store, where each server beats its own list (see the engine's {@code Team}) and a
 * server that stops beating drops out after the store's lease.
 *
 * <p>Listeners hear the whole list after a change, coalesced: a burst of connections is told once, a moment later, on
 * the engine's timer thread.
 */
public final class Presence {

    /** How long a burst of changes is gathered before the list is told. */
    static final long COALESCE_MS = 100;

    private final String server;
    private final DoubleSupplier now;
    private final ScheduledExecutorService timer;
    private final Map<String, Connection> here = new ConcurrentHashMap<>();
    private final List<Consumer<List<Person>>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean telling = new AtomicBoolean();
    /** The other servers' people as last read from the store (team mode); empty otherwise. */
    private volatile List<Person> elsewhere = List.of();
    /** Whether this server's list changed since it was last written to the store. */
    private final AtomicBoolean unsaved = new AtomicBoolean(true);
    private List<Person> told = List.of();

    private record Connection(String name, String via, double since) {
    }

    public Presence(String server, DoubleSupplier now, ScheduledExecutorService timer) {
        this.server = server;
        this.now = now;
        this.timer = timer;
    }

    /** A connection opened: {@code key} is unique to it on this server ({@code ws-12}, {@code sse-3}). */
    public void arrived(String key, String name, String via) {
        here.put(key, new Connection(name, via, now.getAsDouble()));
        changed();
    }

    public void left(String key) {
        if (here.remove(key) != null) {
            changed();
        }
    }

    /**
     * Hears the team's list after every change (on the engine's timer thread); call {@link #people} for the first.
     * Run what it returns to stop hearing it (a bridge that stops while the engine goes on).
     */
    public Runnable listen(Consumer<List<Person>> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Who is connected now, to any server of the team: by name, then server, then how. */
    public List<Person> people() {
        List<Person> all = new ArrayList<>(mine());
        all.addAll(elsewhere);
        all.sort(Comparator.comparing(Person::name).thenComparing(Person::server).thenComparing(Person::via));
        return List.copyOf(all);
    }

    /** This server's own people, one entry per name and way in. */
    public List<Person> mine() {
        Map<String, Person> by = new TreeMap<>();
        for (Connection c : here.values()) {
            by.merge(c.name() + "\n" + c.via(), new Person(c.name(), c.via(), server, c.since(), 1),
                    (a, b) -> new Person(a.name(), a.via(), server, Math.min(a.since(), b.since()),
                            a.connections() + b.connections()));
        }
        return List.copyOf(by.values());
    }

    /** Whether this server's list changed since it was last asked (the team then writes it), and forgets it. */
    public boolean takeUnsaved() {
        return unsaved.getAndSet(false);
    }

    /** The write of this server's list failed: written at the next chance. */
    public void unsavedAgain() {
        unsaved.set(true);
    }

    /** The team's read of every server's people (this one's included, which is dropped: it is known here). */
    public void readElsewhere(List<Person> everyone) {
        List<Person> others = everyone.stream().filter(p -> !p.server().equals(server)).toList();
        if (!others.equals(elsewhere)) {
            elsewhere = others;
            tellSoon();
        }
    }

    private void changed() {
        unsaved.set(true);
        tellSoon();
    }

    private void tellSoon() {
        if (telling.compareAndSet(false, true)) {
            try {
                timer.schedule(this::tell, COALESCE_MS, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                telling.set(false); // the engine is closing: nobody is left to tell
            }
        }
    }

    private void tell() {
        telling.set(false);
        List<Person> now = people();
        synchronized (this) {
            if (now.equals(told)) {
                return;
            }
            told = now;
        }
        for (Consumer<List<Person>> l : listeners) {
            try {
                l.accept(now);
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(Presence.class).warn("a presence listener failed", e);
            }
        }
    }
}
