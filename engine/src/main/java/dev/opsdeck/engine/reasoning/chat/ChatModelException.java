package dev.opsdeck.engine.reasoning.chat;

import java.time.Duration;
import java.util.Optional;

/**
 * A model call that failed, as the vendor's adapter maps it: whether trying again may help, and the delay the
 * server asked for, if it said one. The retry policy decides from these alone, whichever vendor it was.
 */
public final class ChatModelException extends RuntimeException {

    /** How a call failed. */
    public enum Kind {
        /** The server refused it (a 400, a bad key, an unknown model): final at once. */
        REFUSED,
        /** Rate-limited or a server error (429, 5xx): worth another try. */
        UNAVAILABLE,
        /** No answer within the timeout: worth another try. */
        TIMEOUT,
        /** The connection failed: worth another try. */
        IO,
        /** The server answered something that is no answer of its API (not its JSON): final at once. */
        MALFORMED
    }

    private final Kind kind;
    private final transient Optional<Duration> retryAfter;

    public ChatModelException(Kind kind, String message, Optional<Duration> retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.retryAfter = retryAfter == null ? Optional.empty() : retryAfter;
    }

    /** An HTTP error status: {@code what} is how the vendor names it ({@code 503 UNAVAILABLE}). */
    public static ChatModelException status(int code, String what, Optional<Duration> retryAfter, Throwable cause) {
        return new ChatModelException(retryable(code) ? Kind.UNAVAILABLE : Kind.REFUSED, what, retryAfter, cause);
    }

    /** Rate limits and server errors may pass; anything else (a bad request, a bad key) will not. */
    public static boolean retryable(int code) {
        return code == 429 || code >= 500;
    }

    public Kind kind() {
        return kind;
    }

    public boolean retryable() {
        return kind != Kind.REFUSED && kind != Kind.MALFORMED;
    }

    public Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
