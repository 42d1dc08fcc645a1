package dev.opsdeck.engine.reasoning;

import dev.opsdeck.engine.ticket.Usage;

/**
 * A turn that produced nothing usable; the message says why, for the envelope and the error event. It carries the
 * model tokens spent before it gave up: they were spent all the same and count towards the ticket's usage.
 */
public class ReasoningException extends RuntimeException {

    private final transient Usage usage;

    public ReasoningException(String message) {
        this(message, Usage.NONE, null);
    }

    public ReasoningException(String message, Throwable cause) {
        this(message, Usage.NONE, cause);
    }

    public ReasoningException(String message, Usage usage) {
        this(message, usage, null);
    }

    public ReasoningException(String message, Usage usage, Throwable cause) {
        super(message, cause);
        this.usage = usage == null ? Usage.NONE : usage;
    }

    public Usage usage() {
        return usage;
    }
}
