package dev.opsdeck.engine.reasoning.chat;

import dev.opsdeck.engine.reasoning.ReasoningException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our retry policy for one model call, the same for every vendor (each SDK's own retries are turned off by its
 * adapter): a 429, a 5xx or an IO failure (a timeout included) is tried again, up to {@code attempts} in all, after
 * an exponential back-off with jitter, or after the delay the server asked for when it said one. Anything else (a
 * 400, a bad key) is final at once. What is left when the attempts run out becomes a {@link ReasoningException}, so
 * the turn falls back.
 */
public final class RetryPolicy {

    private static final Logger log = LoggerFactory.getLogger(RetryPolicy.class);

    private final int attempts;
    private final Duration backoff;
    private final Duration maxBackoff;
    private final Duration timeout;

    public RetryPolicy(ChatSettings settings) {
        this.attempts = settings.attempts();
        this.backoff = settings.backoff();
        this.maxBackoff = settings.maxBackoff();
        this.timeout = settings.timeout();
    }

    public <T> T call(String what, Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (ChatModelException e) {
                String why = describe(e);
                if (!e.retryable()) {
                    throw new ReasoningException((e.kind() == ChatModelException.Kind.MALFORMED
                            ? "model answer unreadable: " : "model call refused: ") + e.getMessage(), e);
                }
                if (attempt >= attempts) {
                    throw new ReasoningException(switch (e.kind()) {
                        case UNAVAILABLE -> "model call failed after " + attempts + " attempt(s): " + why;
                        default -> "model call " + why + " (" + attempts + " attempt(s))";
                    }, e);
                }
                pause(what, attempt, why, e.retryAfter());
            }
        }
    }

    private String describe(ChatModelException e) {
        switch (e.kind()) {
            case TIMEOUT:
                return "timed out after " + timeout.toMillis() + " ms";
            case IO:
                return "IO failure";
            default:
                return e.getMessage();
        }
    }

    /** The wait before attempt {@code attempt + 1}: the server's if it said one, else 2^(n-1) × back-off, half jittered. */
    Duration delay(int attempt, Optional<Duration> stated) {
        long cap = maxBackoff.toMillis();
        if (stated.isPresent()) {
            return Duration.ofMillis(Math.min(cap, stated.get().toMillis()));
        }
        long full = Math.min(cap, backoff.toMillis() << Math.min(attempt - 1, 20));
        long half = full / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    private void pause(String what, int attempt, String why, Optional<Duration> stated) {
        Duration wait = delay(attempt, stated);
        log.info("{}: attempt {}/{} failed ({}); retrying in {} ms{}", what, attempt, attempts, why, wait.toMillis(),
                stated.isPresent() ? " as the server asked" : "");
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReasoningException("interrupted while waiting to retry the model call");
        }
    }
}
