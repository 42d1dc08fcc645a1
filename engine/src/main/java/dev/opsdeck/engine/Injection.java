package dev.opsdeck.engine;

import dev.opsdeck.engine.world.Incident;
import dev.opsdeck.engine.world.World;
import java.util.Optional;

/**
 * A request to start a flow: a catalogue incident by key (an unknown or missing key runs the first incident), or
 * an operator's custom incident.
 */
public record Injection(String key, String system, String issue, String sev, String description) {

    public static Injection of(String key) {
        return new Injection(key, null, null, null, null);
    }

    public static Injection custom(String system, String issue, String sev, String description) {
        return new Injection(null, system, issue, sev == null || sev.isBlank() ? "sev3" : sev,
                description == null ? "" : description);
    }

    public boolean isCustom() {
        return system != null;
    }

    /** Why a custom incident cannot run, if it cannot: what the operator must fix. */
    public Optional<String> invalid() {
        if (!isCustom()) {
            return Optional.empty();
        }
        if (system.isBlank()) {
            return Optional.of("system is required");
        }
        if (issue == null || issue.isBlank()) {
            return Optional.of("issue is required");
        }
        if (!issue.matches("[A-Za-z0-9_.-]+")) {
            return Optional.of("issue must be a key like disk_full (letters, digits, _ . -)");
        }
        if (!sev.matches("sev[123]")) {
            return Optional.of("sev must be sev1, sev2 or sev3, got '" + sev + "'");
        }
        return Optional.empty();
    }

    Incident resolve(World world) {
        if (isCustom()) {
            Incident known = world.incidentFor(system.trim(), issue.trim());
            return known.isCustom() ? Incident.custom(system.trim(), issue.trim(), sev, description)
                    : known;
        }
        return key == null ? world.defaultIncident() : world.incident(key).orElse(world.defaultIncident());
    }
}
