package dev.opsdeck.engine.event;

/** A live subscription; closing it stops delivery and ends its thread. */
public interface Subscription extends AutoCloseable {
    @Override
    void close();
}
