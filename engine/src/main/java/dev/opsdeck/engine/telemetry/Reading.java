package dev.opsdeck.engine.telemetry;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one instant query answered: the series with their values, or why there is none ({@code failure}: the
 * monitoring system was down, refused the query, or did not answer in time).
 */
public record Reading(List<Sample> samples, String failure) {

    public Reading {
        samples = List.copyOf(samples == null ? List.of() : samples);
    }

    public static Reading of(List<Sample> samples) {
        return new Reading(samples, null);
    }

    public static Reading failed(String why) {
        return new Reading(List.of(), why);
    }

    public boolean failed() {
        return failure != null;
    }

    /** One series: its labels (without {@code __name__}) and its value now. */
    public record Sample(Map<String, String> labels, double value) {
        public Sample {
            labels = new TreeMap<>(labels);
            labels.remove("__name__");
        }
    }
}
