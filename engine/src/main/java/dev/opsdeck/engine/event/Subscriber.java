package dev.opsdeck.engine.event;

import java.util.List;

/**
 * Receives the stream in order, in batches of whatever arrived since the last call, on the subscription's own
 * thread: a slow subscriber only delays itself.
 */
@FunctionalInterface
public interface Subscriber {
    void onEvents(List<Published> batch);
}
