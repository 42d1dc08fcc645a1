package dev.opsdeck.desktop.workflow;

import dev.opsdeck.engine.workflow.Stage;
import java.util.List;

/** Each stage's agents in rail order: the chips before the band, the band's members, the chips after. */
record Lineup(List<String> before, String bandName, List<String> band, List<String> after) {

    static final Lineup DIAGNOSIS = new Lineup(List.of("TicketBot", "IntakeLookup", "IntakeDecide", "Triage"),
            "specialists", List.of("Network", "Storage", "Web"), List.of("RCA", "Remediation"));
    static final Lineup REMEDIATION = new Lineup(List.of("RemBot", "RemTriage"),
            "fixers", List.of("Infra", "StorageFix", "ConfigFix", "Human"), List.of("Resolver"));

    static Lineup of(Stage stage) {
        return stage == Stage.DIAGNOSIS ? DIAGNOSIS : REMEDIATION;
    }
}
