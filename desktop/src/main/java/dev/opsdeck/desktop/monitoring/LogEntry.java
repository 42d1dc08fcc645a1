package dev.opsdeck.desktop.monitoring;

import dev.opsdeck.engine.event.Level;

/**
 * One line of the live log stream.
 *
 * @param incident the issue key whose error line this is, or null for an ambient line
 */
public record LogEntry(double ts, String service, Level level, String message, String incident) {

    public boolean hit() {
        return incident != null;
    }
}
