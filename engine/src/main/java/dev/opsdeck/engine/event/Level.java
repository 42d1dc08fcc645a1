package dev.opsdeck.engine.event;

import com.fasterxml.jackson.annotation.JsonValue;

/** A log line's level. */
public enum Level {
    INFO, WARN, ERROR;

    @JsonValue
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
