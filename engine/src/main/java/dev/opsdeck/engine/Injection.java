package dev.opsdeck.engine;

import dev.opsdeck.engine.world.Incident;
import dev.opsdeck.engine.world.World;
import java.util.Optional;

/**
 * A request to start a flow: a catalogue incident by key (an unknown or missing key runs the first incident), or
 * an operator's custom incident.
 */
public record Injection(String key, String system, String issue, String sev, String description, String requestId) {

    public static Injection of(String key) {
        return new Injection(key, null, null, null, null, null);
    }

    public static Injection custom(String system, String issue, String sev, String description) {
        return new Injection(null, system, issue, sev == null || sev.isBlank() ? "sev3" : sev,
                description == null ? "" : description, null);
    }

    /** The same request, carrying the client's id for it: a refusal names it. */
    public Injection withRequestId(String id) {
        return new Injection(key, system, issue, sev, description, id);
    }

    public boolean isCustom() {
        return system != null;
    }

    /**
     * What a system name looks like: a host, a service or an instance name (letters, digits and {@code _ . : -},
     * starting with a letter or digit, at most {@link InjectLimits#SYSTEM} characters), so a sentence typed in the
     * wrong box is caught.
     */
    public static final java.util.regex.Pattern SYSTEM = java.util.regex.Pattern.compile(
            "[A-Za-z0-9][A-Za-z0-9_.:-]{0," + (InjectLimits.SYSTEM - 1) + "}");

    /** Why a custom incident cannot run, if it cannot: what the operator must fix. */
    public Optional<String> invalid() {
        return problems().values().stream().findFirst();
    }

    /** Every problem of a custom incident, by field ({@code system}, {@code issue}, {@code sev}), in form order. */
    public java.util.Map<String, String> problems() {
        java.util.Map<String, String> p = new java.util.LinkedHashMap<>();
        if (!isCustom()) {
            return p;
        }
        if (system.isBlank()) {
            p.put("system", "system is required");
        } else if (!SYSTEM.matcher(system.trim()).matches()) {
            p.put("system", "system must be a host or service name like db-primary-01 (letters, digits, _ . : -)");
        }
        if (issue == null || issue.isBlank()) {
            p.put("issue", "issue is required");
        } else if (!issue.matches("[A-Za-z0-9_.-]+")) {
            p.put("issue", "issue must be a key like disk_full (letters, digits, _ . -)");
        } else if (issue.trim().length() > InjectLimits.ISSUE) {
            p.put("issue", "issue is " + issue.trim().length() + " characters long; at most " + InjectLimits.ISSUE);
        }
        if (!sev.matches("sev[123]")) {
            p.put("sev", "sev must be sev1, sev2 or sev3, got '" + (sev.length() <= InjectLimits.SEV ? sev
                    : sev.substring(0, InjectLimits.SEV) + "…") + "'");
        }
        if (description != null && description.length() > InjectLimits.DESCRIPTION) {
            p.put("description", "description is " + description.length() + " characters long; at most "
                    + InjectLimits.DESCRIPTION);
        }
        return p;
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
