package dev.opsdeck.engine.workflow;

import com.fasterxml.jackson.annotation.JsonValue;

/** The two stages of an incident, each one channel with its own graph. */
public enum Stage {
    DIAGNOSIS("diagnosis"),
    REMEDIATION("remediation");

    private final String wire;

    Stage(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    public Graph graph() {
        return this == DIAGNOSIS ? Graphs.DIAGNOSIS : Graphs.REMEDIATION;
    }

    public static Stage of(String wire) {
        for (Stage s : values()) {
            if (s.wire.equals(wire)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown stage '" + wire + "'");
    }
}
