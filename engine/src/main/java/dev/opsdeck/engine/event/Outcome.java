package dev.opsdeck.engine.event;

import java.util.Locale;

/** How a sign-off ended. */
public enum Outcome {
    APPROVED, DEFERRED, REJECTED, DECLINED, EXPIRED;

    /** The decision text's verdict: REJECT or DEFER anywhere in it, an empty answer declines, anything else approves. */
    public static Outcome of(String decision) {
        if (decision == null || decision.isBlank()) {
            return DECLINED;
        }
        String upper = decision.toUpperCase(Locale.ROOT);
        if (upper.contains("REJECT")) {
            return REJECTED;
        }
        if (upper.contains("DEFER")) {
            return DEFERRED;
        }
        return APPROVED;
    }

    /** The contract knows four outcomes: a declined sign-off is reported as rejected. */
    public String wire() {
        return this == DECLINED ? "rejected" : name().toLowerCase(Locale.ROOT);
    }

    /** The sign-off lets the disruptive step go ahead. */
    public boolean approves() {
        return this == APPROVED;
    }
}
