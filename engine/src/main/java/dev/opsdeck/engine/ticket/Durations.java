package dev.opsdeck.engine.ticket;

import java.time.Duration;

/** A duration as a person reads it: {@code 5m}, {@code 90s}, {@code 1h30m}. */
public final class Durations {

    private Durations() {
    }

    public static String say(Duration d) {
        long s = d.toSeconds();
        if (s < 60 || s % 60 != 0) {
            return s + "s";
        }
        long m = s / 60;
        return m < 60 ? m + "m" : (m / 60) + "h" + (m % 60 == 0 ? "" : (m % 60) + "m");
    }
}
