package dev.opsdeck.engine.reasoning.offline;

import dev.opsdeck.engine.reasoning.Reasoner;
import dev.opsdeck.engine.reasoning.Reply;
import dev.opsdeck.engine.reasoning.TurnRequest;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The offline rules answer in microseconds, so a whole incident would flash past the operator in one frame. This
 * gives each agent turn a model-like think time (the pace, ±50%) so the rail can be watched; it changes nothing
 * else. Used only when no model backend is configured; {@code --pace 0} turns it off.
 */
public final class PacedReasoner implements Reasoner {

    private final Reasoner delegate;
    private final Duration pace;

    public PacedReasoner(Reasoner delegate, Duration pace) {
        this.delegate = delegate;
        this.pace = pace;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public Reply think(TurnRequest request) {
        long ms = pace.toMillis();
        if (ms > 0) {
            try {
                Thread.sleep(ms / 2 + ThreadLocalRandom.current().nextLong(ms + 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return delegate.think(request);
    }
}
