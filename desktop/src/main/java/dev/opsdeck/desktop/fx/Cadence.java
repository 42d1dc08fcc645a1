package dev.opsdeck.desktop.fx;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javafx.animation.AnimationTimer;

/**
 * Spreads the console's heavy redraws over pulses, so a burst never piles them into one frame: each pulse publishes
 * at most one lane (the one that has waited longest), and a lane publishes at most once per interval.
 *
 * <p>Why: during a burst every visible table row, log line and card changes between two pulses. Redrawing all of
 * them in the same pulse (restyle, lay out, render) took 50–200 ms per frame on two shared cores; one lane per pulse
 * keeps each frame to a fraction of that. A lone change still shows on the next pulse: a lane idle for longer than
 * the interval publishes at once. Runs on the FX thread only (the pulses of an {@link AnimationTimer}, which stops
 * when nothing is left to publish).
 */
public final class Cadence implements Pacer {

    private final long intervalNanos;
    private final Runnable wake;
    private final List<Lane> lanes = new ArrayList<>();
    private AnimationTimer timer;
    private boolean running;

    /** Paces lanes over the toolkit's pulses; lanes are marked and published on the FX thread. */
    public Cadence(Duration interval) {
        this.intervalNanos = interval.toNanos();
        this.wake = this::startPulses;
    }

    /** @param wake called whenever a lane gets changes (tests count it and drive {@link #pulse} by hand) */
    Cadence(long intervalNanos, Runnable wake) {
        this.intervalNanos = intervalNanos;
        this.wake = wake;
    }

    @Override
    public Runnable lane(Runnable publish) {
        Lane lane = new Lane(publish);
        lanes.add(lane);
        return () -> {
            lane.dirty = true;
            wake.run();
        };
    }

    /**
     * One pulse at {@code now}: publishes the lane with changes that has waited longest, if its interval has passed.
     *
     * @return whether any lane still has changes to publish
     */
    boolean pulse(long now) {
        Lane next = null;
        boolean pending = false;
        for (Lane l : lanes) {
            if (!l.dirty) {
                continue;
            }
            pending = true;
            if (now - l.lastPublished >= intervalNanos && (next == null || l.lastPublished < next.lastPublished)) {
                next = l;
            }
        }
        if (next == null) {
            return pending;
        }
        next.dirty = false;
        next.lastPublished = now;
        next.publish.run();
        for (Lane l : lanes) {
            if (l.dirty) {
                return true;
            }
        }
        return false;
    }

    private void startPulses() {
        if (running) {
            return;
        }
        running = true;
        if (timer == null) {
            timer = new AnimationTimer() {
                @Override
                public void handle(long now) {
                    if (!pulse(now)) {
                        stop();
                        running = false;
                    }
                }
            };
        }
        timer.start();
    }

    private static final class Lane {
        final Runnable publish;
        boolean dirty;
        /** Long ago: a lane's first change publishes on the next pulse. */
        long lastPublished = Long.MIN_VALUE / 2;

        Lane(Runnable publish) {
            this.publish = publish;
        }
    }
}
