package dev.opsdeck.engine.world;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * An injectable incident. {@code kickoff} is TicketBot's opening text with {@code {id}} for the ticket id;
 * {@code hosts} names what the specialists and fixers act on ({@code storage}, {@code pool}, {@code disk},
 * {@code slot}, {@code service}, {@code upstream}); {@code probes} overrides the world's baseline probe answers.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Incident(
        String key,
        String system,
        String issue,
        String sev,
        String title,
        @JsonProperty("error_logs") List<String> errorLogs,
        String kickoff,
        String description,
        Map<String, String> hosts,
        Map<String, Map<String, World.Probe>> probes,
        List<String> remediation) {

    public Incident {
        errorLogs = List.copyOf(errorLogs == null ? List.of() : errorLogs);
        hosts = hosts == null ? Map.of() : Map.copyOf(hosts);
        probes = probes == null ? Map.of() : probes;
        remediation = remediation == null ? List.of() : List.copyOf(remediation);
        description = description == null ? "" : description;
    }

    /** The key every operator-made incident shares. */
    public static final String CUSTOM = "custom";

    /** An operator's own incident: no canned logs, baseline probes, a generic kickoff. */
    public static Incident custom(String system, String issue, String sev, String description) {
        String kickoff = "{id} " + sev + ": " + issue + " on " + system + ". System: " + system + ". issue_type: "
                + issue + ". Operator report: '" + description + "'. Triage: pick every specialist that could "
                + "plausibly be involved.";
        return new Incident(CUSTOM, system, issue, sev, issue + " on " + system, List.of(), kickoff, description,
                Map.of(), Map.of(), List.of());
    }

    /**
     * An incident a monitoring alert reported: a custom incident whose kickoff quotes the alert; its own system is
     * where storage is looked at and acted on (the world's storage node has nothing to do with it).
     */
    public static Incident alerted(String system, String issue, String sev, String description, String alertLine) {
        String kickoff = "{id} " + sev + ": " + issue + " on " + system + ". System: " + system + ". issue_type: "
                + issue + ". Alert: '" + alertLine + "'. Triage: pick every specialist that could plausibly be "
                + "involved.";
        return new Incident(CUSTOM, system, issue, sev, issue + " on " + system, List.of(), kickoff, description,
                Map.of("storage", system), Map.of(), List.of());
    }

    /** The same incident with a sentence added to its kickoff. */
    public Incident withKickoffNote(String note) {
        return new Incident(key, system, issue, sev, title, errorLogs, kickoff + note, description, hosts, probes,
                remediation);
    }

    public boolean isCustom() {
        return CUSTOM.equals(key);
    }

    /** What the debounce tells apart: the catalogue key, or system and issue for an operator's own incident. */
    public String debounceKey() {
        return isCustom() ? CUSTOM + ":" + system + "/" + issue : key;
    }

    public String kickoffFor(String ticketId) {
        return kickoff.replace("{id}", ticketId);
    }

    public String host(String role, String fallback) {
        String h = hosts.get(role);
        return h == null || h.isBlank() ? fallback : h;
    }
}
