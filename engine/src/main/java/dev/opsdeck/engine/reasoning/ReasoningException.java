package dev.opsdeck.engine.reasoning;

/** A turn that produced nothing usable; the message says why, for the envelope and the error event. */
public class ReasoningException extends RuntimeException {
    public ReasoningException(String message) {
        super(message);
    }

    public ReasoningException(String message, Throwable cause) {
        super(message, cause);
    }
}
