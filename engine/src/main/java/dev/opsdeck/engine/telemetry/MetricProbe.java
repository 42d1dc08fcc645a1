package dev.opsdeck.engine.telemetry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One named probe of a toolset: a PromQL query with {@code {host}} where the system goes, and the threshold past
 * which a value is an anomaly ({@code above}: greater than; {@code below}: less than).
 *
 * @param domain     the specialist that runs it: {@code network}, {@code storage} or {@code web}
 * @param anomaly    what a value past the threshold means, with {@code {host}}, {@code {value}} and any label of
 *                   the series in braces ({@code {mountpoint}})
 * @param implicates the layer a fault here points at, when not its own domain
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MetricProbe(String name, String domain, String description, String query, Double above, Double below,
        String anomaly, String implicates) {

    /** Whether this value is past the threshold. */
    public boolean abnormal(double value) {
        return (above != null && value > above) || (below != null && value < below);
    }

    public String threshold() {
        if (above != null && below != null) {
            return "outside " + Numbers.plain(below) + ".." + Numbers.plain(above);
        }
        return above != null ? "> " + Numbers.plain(above) : "< " + Numbers.plain(below);
    }

    public String implicated() {
        return implicates == null || implicates.isBlank() ? domain : implicates;
    }
}
