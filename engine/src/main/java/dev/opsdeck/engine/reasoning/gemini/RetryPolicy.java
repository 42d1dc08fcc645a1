package dev.opsdeck.engine.reasoning.gemini;

import com.google.genai.errors.ApiException;
import com.google.genai.errors.GenAiIOException;
import dev.opsdeck.engine.reasoning.ReasoningException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our retry policy for one model call, explicit here because the SDK's is turned off: a 429, a 5xx or an IO
 * failure (a timeout included) is tried again, up to {@code attempts} in all, after an exponential back-off with
 * jitter, or after the delay the server asked for when it said one. Anything else (a 400, a bad key) is final at
 * once. What is left when the attempts run out becomes a {@link ReasoningException}, so the turn falls back.
 */
final class RetryPolicy {

    private static final Logger log = LoggerFactory.getLogger(RetryPolicy.class);
    /** Gemini states its delay in the error message ("Please retry in 12.3s.") or as RetryInfo's retryDelay. */
    private static final Pattern STATED = Pattern.compile("(?i)(?:retry in|\"?retryDelay\"?\\s*[:=]\\s*\"?)\\s*(\\d+(?:\\.\\d+)?)\\s*s");

    private final int attempts;
    private final Duration backoff;
    private final Duration maxBackoff;
    private final Duration timeout;

    RetryPolicy(GeminiSettings settings) {
        this.attempts = settings.attempts();
        this.backoff = settings.backoff();
        this.maxBackoff = settings.maxBackoff();
        this.timeout = settings.timeout();
    }

    <T> T call(String what, Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (ApiException e) {
                if (!retryable(e.code())) {
                    throw new ReasoningException("model call refused: " + e.code() + " " + e.status(), e);
                }
                if (attempt >= attempts) {
                    throw new ReasoningException("model call failed after " + attempts + " attempt(s): " + e.code()
                            + " " + e.status(), e);
                }
                pause(what, attempt, e.code() + " " + e.status(), stated(e.getMessage()));
            } catch (GenAiIOException e) {
                String why = timedOut(e) ? "timed out after " + timeout.toMillis() + " ms" : "IO failure";
                if (attempt >= attempts) {
                    throw new ReasoningException("model call " + why + " (" + attempts + " attempt(s))", e);
                }
                pause(what, attempt, why, Optional.empty());
            }
        }
    }

    static boolean retryable(int code) {
        return code == 429 || code >= 500;
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

    static Optional<Duration> stated(String message) {
        if (message == null) {
            return Optional.empty();
        }
        Matcher m = STATED.matcher(message);
        return m.find() ? Optional.of(Duration.ofMillis(Math.round(Double.parseDouble(m.group(1)) * 1000)))
                : Optional.empty();
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

    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.io.InterruptedIOException
                    || (t.getMessage() != null && t.getMessage().toLowerCase(java.util.Locale.ROOT).contains("timeout"))) {
                return true;
            }
        }
        return false;
    }
}
