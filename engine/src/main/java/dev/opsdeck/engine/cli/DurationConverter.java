package dev.opsdeck.engine.cli;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code 2s}, {@code 500ms}, {@code 5m} or a bare number of seconds; longer than zero. */
public class DurationConverter implements ITypeConverter<Duration> {

    /** For options where zero means off ({@code --debounce 0}); negative is still refused. */
    public static final class ZeroAllowed extends DurationConverter {
        @Override
        public Duration convert(String value) {
            Duration d = parse(value);
            if (d.isNegative()) {
                throw new TypeConversionException("'" + value + "' must not be negative (0 turns it off)");
            }
            return d;
        }
    }

    @Override
    public Duration convert(String value) {
        Duration d = parse(value);
        if (d.isNegative() || d.isZero()) {
            throw new TypeConversionException("'" + value + "' must be longer than zero");
        }
        return d;
    }

    public static Duration parse(String value) {
        String v = value.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            if (v.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
            }
            if (v.endsWith("m")) {
                return Duration.ofSeconds(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 60));
            }
            return Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a duration (try 2s, 500ms or 5m)");
        }
    }
}
