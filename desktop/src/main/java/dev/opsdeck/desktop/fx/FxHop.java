package dev.opsdeck.desktop.fx;

import dev.opsdeck.engine.event.Published;
import dev.opsdeck.engine.event.Subscriber;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where other threads reach the FX thread. Engine events and finished background work are queued
 * and applied once per pulse, as one batch: the first item queued after a quiet spell asks (one
 * {@link Platform#runLater}) for an {@link AnimationTimer} to start, which drains the queue at the start of each
 * pulse and stops once it is empty. A burst of thousands of events therefore costs one FX turn per frame.
 *
 * <p>Why per pulse and not as soon as the FX thread is free: during a burst events arrive continuously, and
 * draining on every wake-up woke the FX thread about ten times per frame; on two cores shared with the engine each
 * wake-up can wait a scheduler slice for a core. Each turn is also bounded by a time budget, so a burst never holds
 * the FX thread for more than a part of a frame: what is left over waits for the next pulse.
 */
public final class FxHop implements Subscriber {

    private static final Logger log = LoggerFactory.getLogger(FxHop.class);
    /** Longer than this and the window would visibly stutter; the rest waits for the next turn. */
    private static final long BUDGET_NANOS = 6_000_000;
    /** Events applied between budget checks: small enough that one chunk never blows the budget by much. */
    private static final int CHUNK = 32;

    private final Consumer<List<Published>> sink;
    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong turns = new AtomicLong();
    private final AtomicLong busyNanos = new AtomicLong();
    private volatile long longestTurnNanos;
    private volatile boolean closed;
    /** Made on the FX thread when first needed (an AnimationTimer needs the toolkit running). */
    private AnimationTimer pulses;
    private boolean pumping;

    /** @param sink applies a batch of engine events; called on the FX thread only */
    public FxHop(Consumer<List<Published>> sink) {
        this.sink = sink;
    }

    /** From the engine's subscription thread. */
    @Override
    public void onEvents(List<Published> batch) {
        queue.addAll(batch);
        schedule();
    }

    /** Runs {@code work} on the FX thread, in order with the events queued before it. */
    public void post(Runnable work) {
        queue.add(work);
        schedule();
    }

    /** Events applied so far (for the benchmark). */
    public long applied() {
        return applied.get();
    }

    /** FX turns taken so far (for the benchmark). */
    public long turns() {
        return turns.get();
    }

    /** Time spent applying, in all turns and in the longest one (for the benchmark). */
    public long busyNanos() {
        return busyNanos.get();
    }

    public long longestTurnNanos() {
        return longestTurnNanos;
    }

    public void close() {
        closed = true;
        queue.clear();
    }

    private void schedule() {
        if (!closed && scheduled.compareAndSet(false, true)) {
            Platform.runLater(() -> pump(true));
        }
    }

    private void drain() {
        turns.incrementAndGet();
        long start = System.nanoTime();
        List<Published> events = new ArrayList<>();
        Object next;
        while (!closed && System.nanoTime() - start < BUDGET_NANOS && (next = queue.poll()) != null) {
            if (next instanceof Published p) {
                events.add(p);
                if (events.size() >= CHUNK) {
                    flush(events);
                }
            } else {
                flush(events);
                runSafely((Runnable) next);
            }
        }
        flush(events);
        long took = System.nanoTime() - start;
        busyNanos.addAndGet(took);
        longestTurnNanos = Math.max(longestTurnNanos, took);
        if (!closed && !queue.isEmpty()) {
            // Still behind: carry on at the next pulse, leaving this one to layout and render.
            return;
        }
        pump(false);
        scheduled.set(false);
        if (!queue.isEmpty()) {
            schedule();
        }
    }

    private void pump(boolean on) {
        if (on == pumping) {
            return;
        }
        pumping = on;
        if (pulses == null) {
            pulses = new AnimationTimer() {
                @Override
                public void handle(long now) {
                    drain();
                }
            };
        }
        if (on) {
            pulses.start();
        } else {
            pulses.stop();
        }
    }

    private void flush(List<Published> events) {
        if (events.isEmpty()) {
            return;
        }
        try {
            sink.accept(List.copyOf(events));
        } catch (RuntimeException e) {
            log.error("applying {} engine events failed", events.size(), e);
        }
        applied.addAndGet(events.size());
        events.clear();
    }

    private static void runSafely(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            log.error("UI work after a background task failed", e);
        }
    }

    /**
     * For a driver outside the console, and for the console's one hand-over before it has a hop of its own (its
     * engine started, or failed to, see {@code Opening}): runs {@code work} on the FX thread, without waiting for it.
     */
    public static void later(Runnable work) {
        Platform.runLater(work);
    }

    /**
     * For a driver outside the console (the benchmark's harness, as a test robot would): runs {@code read} on the FX
     * thread and waits for its result. Never used by the console itself, whose work goes through the hop's queue.
     */
    public static <T> T call(java.util.concurrent.Callable<T> read, java.time.Duration wait) throws Exception {
        if (Platform.isFxApplicationThread()) {
            return read.call();
        }
        java.util.concurrent.FutureTask<T> task = new java.util.concurrent.FutureTask<>(read);
        Platform.runLater(task);
        return task.get(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }
}
