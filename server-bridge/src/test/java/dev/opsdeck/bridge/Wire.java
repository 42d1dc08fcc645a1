package dev.opsdeck.bridge;

import java.util.Set;

/** Contract constants the tests check against, spelled as PROTOCOL.md spells them. */
final class Wire {

    static final Set<String> TERMINAL = Set.of("Resolved", "Partially Resolved", "Needs Followup", "Duplicate");
    static final String APPROVE = "APPROVED: proceed with the disruptive step.";

    private Wire() {
    }
}
