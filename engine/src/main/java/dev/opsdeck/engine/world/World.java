package dev.opsdeck.engine.world;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The simulated estate: monitored systems, their ambient log lines, the incidents that can be injected, what each
 * probe answers, and the remediation playbooks. Loaded from a JSON file a user can replace; never code.
 *
 * @param probes    the baseline answers of every probe, for incidents that do not override them: {@code tool ->
 *                  (argument | "_default") -> probe}
 * @param playbooks remediation steps by root-cause domain ({@code network}, {@code storage}, {@code web})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record World(
        List<SystemInfo> systems,
        @JsonProperty("ambient_logs") Map<String, List<String>> ambientLogs,
        List<Incident> incidents,
        Map<String, Map<String, Probe>> probes,
        Map<String, List<String>> playbooks) {

    public World {
        systems = List.copyOf(systems == null ? List.of() : systems);
        ambientLogs = ambientLogs == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(ambientLogs));
        incidents = Catalogue.of(incidents == null ? List.of() : incidents);
        probes = probes == null ? Map.of() : probes;
        playbooks = playbooks == null ? Map.of() : playbooks;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SystemInfo(String id, String kind, String status) {
    }

    /** What one probe call answers: the output line and, if it shows a fault, the fault and the domain it implicates. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Probe(String result, String anomaly, String implicates) {
        public boolean abnormal() {
            return anomaly != null && !anomaly.isBlank();
        }
    }

    public Optional<Incident> incident(String key) {
        return Optional.ofNullable(((Catalogue) incidents).byKey(key));
    }

    /** The catalogue incident with this system and issue, or a custom one: how a stored ticket finds its incident. */
    public Incident incidentFor(String system, String issue) {
        Incident known = ((Catalogue) incidents).bySystemIssue(system, issue);
        return known != null ? known : Incident.custom(system, issue, "sev3", "");
    }

    /** The first incident of the catalogue: what an inject without a known key runs. */
    public Incident defaultIncident() {
        return incidents.get(0);
    }

    public Optional<SystemInfo> system(String id) {
        return systems.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** The system's domain (the kind's first word: web, storage, api, db), or empty if the system is unknown. */
    public String domainOf(String systemId) {
        return system(systemId).map(s -> firstWord(s.kind())).orElse("");
    }

    // The kind up to its first space or middle dot ("web · nginx"); read on every diagnosis turn, so no regex.
    private static String firstWord(String kind) {
        int cut = kind.length();
        for (int i = 0; i < kind.length(); i++) {
            char c = kind.charAt(i);
            if (c == ' ' || c == '·') {
                cut = i;
                break;
            }
        }
        return kind.substring(0, cut).trim();
    }

    /**
     * The probe answer: the incident's own table first, then the baseline; the exact argument first, then the
     * tool's {@code _default}; every {@code {arg}} replaced by the argument. An unknown tool answers "nominal".
     */
    public Probe probe(Incident incident, String tool, String arg) {
        Probe p = lookup(incident == null ? null : incident.probes(), tool, arg);
        if (p == null) {
            p = lookup(probes, tool, arg);
        }
        if (p == null) {
            return new Probe(arg + ": nominal.", null, null);
        }
        return new Probe(p.result().replace("{arg}", arg), p.anomaly(), p.implicates());
    }

    private static Probe lookup(Map<String, Map<String, Probe>> table, String tool, String arg) {
        if (table == null || !table.containsKey(tool)) {
            return null;
        }
        Map<String, Probe> byArg = table.get(tool);
        return byArg.containsKey(arg) ? byArg.get(arg) : byArg.get("_default");
    }
}
