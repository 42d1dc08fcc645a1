package dev.opsdeck.engine.event;

/** An event as the stream published it: its place in the one global order and its time (epoch seconds). */
public record Published(long seq, double ts, EngineEvent event) {
}
