package dev.opsdeck.engine.event;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's one ordered event stream. Publishing stamps an event with the next sequence number and hands it to
 * every subscriber's own queue, never waiting on a subscriber. It also retains the newest events since the last
 * reset, so a late subscriber can be replayed the same ordered history without a gap or a duplicate.
 *
 * <p>An event published here is first handed to the {@code recorder} (the store): nobody hears of what is not on
 * disk. The recording is done before the stream's lock is taken, so no publisher and no subscriber waits for
 * another's disk write; the order that matters, a ticket's own, is kept by the publisher (a flow publishes under
 * its lock, ticket changes under the tickets' lock). Events another server published, read from a shared store's
 * log, come in through {@link #publishRecorded} and are not recorded again.
 */
public final class EventStream {

    private static final Logger log = LoggerFactory.getLogger(EventStream.class);

    private final Clock clock;
    private final int retain;
    private final Object lock = new Object();
    private final ArrayDeque<Published> retained = new ArrayDeque<>();
    private final List<Feed> feeds = new CopyOnWriteArrayList<>();
    private final Consumer<List<EngineEvent>> recorder;
    private long seq;

    public EventStream(Clock clock, int retain) {
        this(clock, retain, events -> { });
    }

    /** @param recorder writes events durably before they are published; what it throws, the publisher gets */
    public EventStream(Clock clock, int retain, Consumer<List<EngineEvent>> recorder) {
        this.clock = clock;
        this.retain = retain;
        this.recorder = recorder;
    }

    public Published publish(EngineEvent event) {
        return publish(event, () -> { });
    }

    /**
     * Publishes {@code event} and applies {@code change} atomically with it: whoever reads state under the stream's
     * order ({@link #mark}) sees the change if and only if it also sees the event as already published. Keep
     * {@code change} to a few field writes: every publisher waits for it.
     */
    public Published publish(EngineEvent event, Runnable change) {
        record(List.of(event));
        synchronized (lock) {
            return deliver(event, change);
        }
    }

    /** Records several events in one go (all or none), then publishes them in order, {@code change} applied first. */
    public void publishAll(List<EngineEvent> events, Runnable change) {
        record(events);
        synchronized (lock) {
            change.run();
            for (EngineEvent e : events) {
                deliver(e, () -> { });
            }
        }
    }

    /** Events that change state are recorded or not published at all; a notice the store refused is told anyway. */
    private void record(List<EngineEvent> events) {
        try {
            recorder.accept(events);
        } catch (RuntimeException e) {
            if (events.stream().anyMatch(EngineEvent::changesState)) {
                throw e;
            }
            log.warn("told but not kept ({}): {}", e.getMessage(), events);
        }
    }

    /** Publishes an event that is already recorded (another server's, read from the shared log). */
    public Published publishRecorded(EngineEvent event, Runnable change) {
        synchronized (lock) {
            return deliver(event, change);
        }
    }

    /** Under the lock: applies the change, numbers the event, retains it and queues it for every subscriber. */
    private Published deliver(EngineEvent event, Runnable change) {
        change.run();
        Published p = new Published(++seq, now(), event);
        if (event instanceof EngineEvent.Reset) {
            retained.clear();
        }
        retained.addLast(p);
        while (retained.size() > retain) {
            retained.removeFirst();
        }
        for (Feed feed : feeds) {
            feed.queue.add(p);
        }
        return p;
    }

    /**
     * Delivers, in order, the retained history (if {@code replay}) and then every event published from now on.
     * {@code onStart} runs once, atomically with the subscription, before any delivery: what it reads (a ticket
     * snapshot, say) is consistent with the first event delivered after it.
     */
    public Subscription subscribe(String name, boolean replay, Runnable onStart, Subscriber subscriber) {
        Feed feed = new Feed(name, subscriber);
        synchronized (lock) {
            onStart.run();
            if (replay) {
                feed.queue.addAll(retained);
            }
            feeds.add(feed);
        }
        feed.thread.start();
        return () -> {
            feeds.remove(feed);
            feed.stop();
        };
    }

    public Subscription subscribe(String name, Subscriber subscriber) {
        return subscribe(name, false, () -> { }, subscriber);
    }

    /**
     * Live events from now on, taken by the caller from the returned {@link Tap} on its own thread, in order: no
     * thread of the stream's own hands them over (one wake-up per event fewer than {@link #subscribe}). For a caller
     * that already runs a loop around a queue, the bridge's writer.
     */
    public Tap tap(String name) {
        Feed feed = new Feed(name, null);
        synchronized (lock) {
            feeds.add(feed);
        }
        return new Tap(feed.queue, () -> {
            feeds.remove(feed);
            feed.stop();
        });
    }

    /** A subscription whose events its owner takes itself; closing it stops the delivery. */
    public static final class Tap implements Subscription {
        private final BlockingQueue<Published> queue;
        private final Runnable onClose;

        private Tap(BlockingQueue<Published> queue, Runnable onClose) {
            this.queue = queue;
            this.onClose = onClose;
        }

        /** The next event, or null if none is waiting. */
        public Published poll() {
            return queue.poll();
        }

        /** The next event, waiting up to {@code nanos} for one; null if none came. */
        public Published poll(long nanos) throws InterruptedException {
            return queue.poll(nanos, TimeUnit.NANOSECONDS);
        }

        /** Every event waiting now, in order, appended to {@code into}. */
        public void drainTo(Collection<? super Published> into) {
            queue.drainTo(into);
        }

        @Override
        public void close() {
            onClose.run();
        }
    }

    /**
     * The stream at this instant: the last sequence number published, the retained history up to it (if
     * {@code replay}), and {@code state} read atomically with both. A reader that then takes events numbered above
     * {@link Mark#seq()} from a subscription has everything once, with no gap. {@code state} should only copy.
     */
    public <T> Mark<T> mark(boolean replay, Supplier<T> state) {
        synchronized (lock) {
            return new Mark<>(seq, state.get(), replay ? List.copyOf(retained) : List.of());
        }
    }

    /** See {@link #mark}. */
    public record Mark<T>(long seq, T state, List<Published> history) {
    }

    // Epoch seconds to the microsecond: latency measured against it should not gain up to a millisecond of rounding.
    private double now() {
        Instant t = clock.instant();
        return t.getEpochSecond() + (t.getNano() / 1000) / 1e6;
    }

    /** The retained history, oldest first. */
    public List<Published> retained() {
        synchronized (lock) {
            return new ArrayList<>(retained);
        }
    }

    public void closeAll() {
        for (Feed feed : feeds) {
            feed.stop();
        }
        feeds.clear();
    }

    private static final class Feed {
        private static final Published POISON = new Published(-1, 0, new EngineEvent.Reset());
        final LinkedBlockingQueue<Published> queue = new LinkedBlockingQueue<>();
        final Thread thread;
        final AtomicBoolean stopped = new AtomicBoolean();

        /** With a {@code subscriber}, a thread of its own hands it the events; without, a {@link Tap} takes them. */
        Feed(String name, Subscriber subscriber) {
            if (subscriber == null) {
                thread = null;
                return;
            }
            thread = new Thread(() -> drain(subscriber), "opsdeck-feed-" + name);
            thread.setDaemon(true);
        }

        private void drain(Subscriber subscriber) {
            List<Published> batch = new ArrayList<>();
            while (!stopped.get()) {
                try {
                    batch.add(queue.take());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                queue.drainTo(batch);
                boolean poisoned = batch.remove(POISON);
                if (!batch.isEmpty()) {
                    try {
                        subscriber.onEvents(List.copyOf(batch));
                    } catch (RuntimeException e) {
                        log.error("subscriber {} failed on a batch of {} events", thread.getName(), batch.size(), e);
                    }
                }
                batch.clear();
                if (poisoned) {
                    return;
                }
            }
        }

        void stop() {
            // A tap's owner never reads the poison (it is no event): it stops taking when it closes the tap.
            if (stopped.compareAndSet(false, true) && thread != null) {
                queue.add(POISON);
            }
        }
    }
}
