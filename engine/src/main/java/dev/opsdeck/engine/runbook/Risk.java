package dev.opsdeck.engine.runbook;

import java.util.Locale;

/** How much an action may hurt: what the sign-off policy reads. */
public enum Risk {
    READ, SAFE, DISRUPTIVE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Risk of(String text) {
        for (Risk r : values()) {
            if (r.wire().equals(text)) {
                return r;
            }
        }
        throw new IllegalArgumentException("risk must be read, safe or disruptive, got '" + text + "'");
    }
}
