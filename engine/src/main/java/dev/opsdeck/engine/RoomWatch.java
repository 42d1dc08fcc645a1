package dev.opsdeck.engine;

import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.event.EventStream;
import dev.opsdeck.engine.event.Level;
import dev.opsdeck.engine.store.Store;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The store's room, as the engine watches it. A write refused for want of room (or because a shared database is out
 * of reach) makes the engine unhealthy and holds the flow that tried it; the operator is told once per flow, the store is tried every {@link #PROBE} on the engine's
 * timer until a write goes through, and then every held flow is handed back to be resumed from its journal.
 */
final class RoomWatch {

    static final Duration PROBE = Duration.ofSeconds(1);

    private final Store store;
    private final EventStream stream;
    private final ScheduledExecutorService timer;
    private final Consumer<List<String>> resume;
    /** Tickets whose flow is held, oldest first, and why. */
    private final Map<String, String> held = new LinkedHashMap<>();
    private final AtomicBoolean probing = new AtomicBoolean();
    private volatile String problem;

    /** @param resume given the held tickets, oldest first, once the store takes writes again */
    RoomWatch(Store store, EventStream stream, ScheduledExecutorService timer, Consumer<List<String>> resume) {
        this.store = store;
        this.stream = stream;
        this.timer = timer;
        this.resume = resume;
    }

    /** A flow stopped where its journal stands because a write found no room. */
    void held(String ticketId, String why) {
        synchronized (held) {
            held.put(ticketId, why);
        }
        stream.publish(new EngineEvent.ErrorReported("store", ticketId + " is held: " + why
                + ". Free some space (or bring the database back); held flows go on by themselves once a write goes"
                + " through."));
        noRoom(why);
    }

    /** The store refused a write for want of room: unhealthy until a probe's write goes through. */
    void noRoom(String why) {
        problem = "the store takes no writes (" + why + ")";
        if (probing.compareAndSet(false, true)) {
            timer.schedule(this::probe, PROBE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Why the engine cannot work now, or empty. */
    Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    private void probe() {
        if (!store.writable()) {
            timer.schedule(this::probe, PROBE.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        List<String> resumed;
        synchronized (held) {
            resumed = List.copyOf(held.keySet());
            held.clear();
            problem = null;
            probing.set(false);
        }
        stream.publish(new EngineEvent.LogLine("opsdeck", "the store takes writes again: " + resumed.size()
                + " held flow(s) resumed (" + String.join(", ", resumed) + ")", Level.WARN));
        resume.accept(resumed);
    }
}
