package dev.opsdeck.engine.telemetry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.opsdeck.engine.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The probes the specialists run against Prometheus, with their thresholds: data, never code. The bundled one
 * covers node_exporter (filesystems, disks, network, {@code up}, load, memory) and common HTTP server metrics;
 * {@code --toolset FILE} replaces it. Its {@code playbooks} (remediation steps by root-cause domain, as in the world
 * file) are what Remediation recommends for a system measured this way.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Toolset(List<MetricProbe> probes, Map<String, List<String>> playbooks) {

    static final String BUNDLED = "/dev/opsdeck/engine/telemetry/node-exporter.toolset.json";
    private static final Set<String> DOMAINS = Set.of("network", "storage", "web");

    public Toolset {
        probes = List.copyOf(probes == null ? List.of() : probes);
        playbooks = playbooks == null ? Map.of() : Map.copyOf(playbooks);
    }

    public static Toolset bundled() {
        try (InputStream in = Toolset.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("the bundled toolset " + BUNDLED + " is missing from the build");
            }
            return checked(new String(in.readAllBytes(), StandardCharsets.UTF_8), "the bundled toolset");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled toolset: " + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException with what is wrong and where, when the file cannot be used */
    public static Toolset load(Path file) {
        try {
            return checked(Files.readString(file), "toolset " + file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read toolset " + file + ": " + e.getMessage());
        }
    }

    static Toolset checked(String json, String what) {
        Toolset t;
        try {
            t = Json.read(json, Toolset.class);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not a toolset: " + e.getMessage());
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < t.probes().size(); i++) {
            MetricProbe p = t.probes().get(i);
            String where = what + ": probes[" + i + "]";
            if (p.name() == null || !p.name().matches("[a-z0-9_]+")) {
                throw new IllegalArgumentException(where + ": name must be lower-case letters, digits and _");
            }
            if (!names.add(p.name())) {
                throw new IllegalArgumentException(where + ": name '" + p.name() + "' is used twice");
            }
            if (!DOMAINS.contains(p.domain())) {
                throw new IllegalArgumentException(where + " (" + p.name() + "): domain must be network, storage or web");
            }
            if (p.query() == null || !p.query().contains("{host}")) {
                throw new IllegalArgumentException(where + " (" + p.name() + "): query must contain {host}");
            }
            if (p.above() == null && p.below() == null) {
                throw new IllegalArgumentException(where + " (" + p.name() + "): give a threshold, above or below");
            }
            if (p.anomaly() == null || p.anomaly().isBlank()) {
                throw new IllegalArgumentException(where + " (" + p.name() + "): anomaly (what a breach means) is required");
            }
        }
        for (int i = 0; i < t.probes().size(); i++) {
            MetricProbe p = t.probes().get(i);
            for (String effect : p.explains()) {
                if (!names.contains(effect)) {
                    throw new IllegalArgumentException(what + ": probes[" + i + "] (" + p.name() + "): explains '"
                            + effect + "', which is no probe of this toolset");
                }
            }
        }
        return t;
    }

    public List<MetricProbe> of(String domain) {
        return probes.stream().filter(p -> p.domain().equals(domain)).toList();
    }

    /**
     * The probes that measure what an alert's expression measures: those reading the most of its metrics (and, among
     * them, sharing the most of its exact matchers, {@code mode="steal"}). Their anomalies are the alert's symptom
     * confirmed; empty when the expression reads nothing a probe does.
     */
    public Set<String> following(String alertExpr) {
        Set<String> metrics = PromQl.metrics(alertExpr);
        Set<String> matchers = PromQl.matchers(alertExpr);
        Map<String, Integer> scores = new java.util.LinkedHashMap<>();
        for (MetricProbe p : probes) {
            Set<String> shared = new HashSet<>(PromQl.metrics(p.query()));
            shared.retainAll(metrics);
            if (!shared.isEmpty()) {
                Set<String> same = new HashSet<>(PromQl.matchers(p.query()));
                same.retainAll(matchers);
                scores.put(p.name(), shared.size() * 100 + same.size());
            }
        }
        int best = scores.values().stream().max(Integer::compare).orElse(0);
        Set<String> out = new java.util.LinkedHashSet<>();
        scores.forEach((name, score) -> {
            if (score == best) {
                out.add(name);
            }
        });
        return out;
    }

    public Optional<MetricProbe> probe(String name) {
        return probes.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
