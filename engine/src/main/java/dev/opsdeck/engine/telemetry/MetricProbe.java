package dev.opsdeck.engine.telemetry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One named probe of a toolset: a PromQL query with {@code {host}} where the system goes, and the threshold past
 * which a value is an anomaly ({@code above}: greater than; {@code below}: less than).
 *
 * @param domain     the specialist that runs it: {@code network}, {@code storage} or {@code web}
 * @param anomaly    what a value past the threshold means, with {@code {host}}, {@code {value}} and any label of
 *                   the series in braces ({@code {mountpoint}})
 * @param implicates the layer a fault here points at, when not its own domain
 * @param scope      the labels of its series an alert may name ({@code mountpoint}, {@code device}, {@code job}):
 *                   an alert carrying one of them pins the probe to that object, which is then looked at whatever
 *                   the probe leaves out by default
 * @param unscoped   what {@code {scope}} in the query stands for when the alert pins nothing, e.g.
 *                   {@code ,fstype!~"tmpfs|ramfs"}: the objects left out unless an alert asks about one
 * @param explains   the probes whose anomalies a fault here can cause (a full disk explains 5xx answers): how the
 *                   rules tell a cause of the alert's symptom from an unrelated fault seen beside it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MetricProbe(String name, String domain, String description, String query, Double above, Double below,
        String anomaly, String implicates, List<String> scope, String unscoped, List<String> explains) {

    public MetricProbe {
        scope = scope == null ? List.of() : List.copyOf(scope);
        explains = explains == null ? List.of() : List.copyOf(explains);
        unscoped = unscoped == null ? "" : unscoped;
    }

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

    /** The alert's labels this probe can be pinned by, in the probe's order; empty when the alert names none. */
    public Map<String, String> pins(Map<String, String> alertLabels) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String label : scope) {
            String v = alertLabels.get(label);
            if (v != null && !v.isBlank()) {
                out.put(label, v);
            }
        }
        return out;
    }
}
