package dev.opsdeck.engine.reasoning.openai;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The delay a server asked for: OpenAI's {@code retry-after-ms}, else the standard {@code Retry-After} in seconds or
 * as an HTTP date. A value that is neither is no request at all.
 */
final class RetryAfter {

    private RetryAfter() {
    }

    static Optional<Duration> of(Function<String, List<String>> header) {
        Optional<String> ms = first(header, "retry-after-ms");
        if (ms.isPresent()) {
            try {
                return Optional.of(Duration.ofMillis(Math.round(Double.parseDouble(ms.get()))));
            } catch (NumberFormatException e) {
                // fall through to Retry-After
            }
        }
        Optional<String> value = first(header, "retry-after");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofMillis(Math.round(Double.parseDouble(value.get()) * 1000)));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration d = Duration.between(ZonedDateTime.now(),
                        ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME));
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    private static Optional<String> first(Function<String, List<String>> header, String name) {
        List<String> values = header.apply(name);
        return values == null || values.isEmpty() ? Optional.empty()
                : Optional.of(values.get(0).strip()).filter(v -> !v.isEmpty());
    }
}
