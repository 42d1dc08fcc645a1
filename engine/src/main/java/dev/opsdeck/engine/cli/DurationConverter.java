package dev.opsdeck.engine.cli;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code 2s}, {@code 500ms}, {@code 5m} or a bare number of seconds. */
public final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        String v = value.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            if (v.endsWith("ms")) {
                return positive(Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2))), value);
            }
            if (v.endsWith("s")) {
                return positive(Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000)), value);
            }
            if (v.endsWith("m")) {
                return positive(Duration.ofSeconds(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 60)), value);
            }
            return positive(Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000)), value);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a duration (try 2s, 500ms or 5m)");
        }
    }

    private static Duration positive(Duration d, String value) {
        if (d.isNegative() || d.isZero()) {
            throw new TypeConversionException("'" + value + "' must be longer than zero");
        }
        return d;
    }
}
