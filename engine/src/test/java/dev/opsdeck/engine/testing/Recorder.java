package dev.opsdeck.engine.testing;

import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.event.Published;
import dev.opsdeck.engine.event.Subscriber;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** Collects a subscription's events and lets a test wait, with a timeout, until a condition over them holds. */
public final class Recorder implements Subscriber {

    private final List<Published> events = new ArrayList<>();
    private final List<Consumer<Published>> reactions = new ArrayList<>();

    /** Runs {@code reaction} on the subscription thread for every event, before it is recorded. */
    public synchronized Recorder onEach(Consumer<Published> reaction) {
        reactions.add(reaction);
        return this;
    }

    @Override
    public void onEvents(List<Published> batch) {
        List<Consumer<Published>> react;
        synchronized (this) {
            react = List.copyOf(reactions);
        }
        for (Published p : batch) {
            react.forEach(r -> r.accept(p));
        }
        synchronized (this) {
            events.addAll(batch);
            notifyAll();
        }
    }

    public synchronized List<Published> all() {
        return List.copyOf(events);
    }

    public synchronized List<EngineEvent> events() {
        return events.stream().map(Published::event).toList();
    }

    /** Waits until the recorded events satisfy {@code done}; fails with what was seen if they never do. */
    public synchronized List<EngineEvent> await(Predicate<List<EngineEvent>> done, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!done.test(events())) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("condition not met within " + timeout + "; saw " + events.size()
                        + " events: " + summary());
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        return events();
    }

    /** Waits until the ticket reaches a terminal status. */
    public List<EngineEvent> awaitTerminal(String ticketId, Duration timeout) {
        return await(es -> es.stream().anyMatch(e -> e instanceof EngineEvent.TicketChanged c
                && c.ticket().id().equals(ticketId) && c.ticket().status().terminal()), timeout);
    }

    private String summary() {
        StringBuilder b = new StringBuilder();
        for (Published p : events) {
            b.append("\n  ").append(Trace.line(p.event()));
        }
        return b.toString();
    }
}
