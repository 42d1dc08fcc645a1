package dev.opsdeck.engine.ticket;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A ticket's lifecycle status, spelled exactly as the wire contract spells it. */
public enum Status {
    DIAGNOSING("Diagnosing"),
    REMEDIATION_RECOMMENDED("Remediation_Recommended"),
    REMEDIATING("Remediating"),
    RESOLVED("Resolved"),
    PARTIALLY_RESOLVED("Partially Resolved"),
    NEEDS_FOLLOWUP("Needs Followup"),
    DUPLICATE("Duplicate");

    private final String label;

    Status(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    public boolean terminal() {
        return this == RESOLVED || this == PARTIALLY_RESOLVED || this == NEEDS_FOLLOWUP || this == DUPLICATE;
    }

    /** Whether a wire label names a terminal status; an unknown label is not one. */
    public static boolean terminalLabel(String label) {
        for (Status s : values()) {
            if (s.label.equals(label)) {
                return s.terminal();
            }
        }
        return false;
    }

    @JsonCreator
    public static Status of(String label) {
        for (Status s : values()) {
            if (s.label.equals(label)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown ticket status '" + label + "'");
    }

    /** The Resolver's {@code close_ticket.status} argument, normalised as the original did. */
    public static Status fromResolverStatus(String status) {
        if (status == null) {
            return NEEDS_FOLLOWUP;
        }
        switch (status.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "resolved": return RESOLVED;
            case "partially_resolved": return PARTIALLY_RESOLVED;
            default: return NEEDS_FOLLOWUP;
        }
    }
}
