package dev.opsdeck.desktop.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.opsdeck.engine.agent.Agent;
import dev.opsdeck.engine.agent.Tools;
import dev.opsdeck.engine.workflow.Graph;
import dev.opsdeck.engine.workflow.Graphs;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rail's line-up is read off the engine's graphs: the rail shows what the pipeline defines, in its order. */
class LineupTest {

    @Test
    void theDiagnosisRail_isTheDiagnosisGraphsParticipants_aroundItsBand() {
        assertEquals(new Lineup(List.of("TicketBot", "IntakeLookup", "IntakeDecide", "Triage"), "specialists",
                List.of("Network", "Storage", "Web"), List.of("RCA", "Remediation")), Lineup.DIAGNOSIS);
    }

    @Test
    void theRemediationRail_isTheRemediationGraphsParticipants_aroundItsBand() {
        assertEquals(new Lineup(List.of("RemBot", "RemTriage"), "fixers",
                List.of("Infra", "StorageFix", "ConfigFix", "Human"), List.of("Runner", "Resolver")), Lineup.REMEDIATION);
    }

    @Test
    void aGraphWithAnotherBand_givesAnotherLineup() {
        Graph g = new Graph(Agent.TICKET_BOT, List.of(Agent.TICKET_BOT, Agent.NETWORK, Agent.WEB, Agent.RCA),
                List.of(new Graph.Rule(new Graph.When.ToolCalled(Tools.ASSIGN_SPECIALISTS.name()),
                        new Graph.Target.Band("specialists", java.util.Map.of("network", Agent.NETWORK, "web",
                                Agent.WEB)))), Graphs.NO_MATCH, 10);
        assertEquals(new Lineup(List.of("TicketBot"), "specialists", List.of("Network", "Web"), List.of("RCA")),
                Lineup.of(g));
    }

    @Test
    void aChipsTag_isItsAgentsOwn() {
        assertEquals("Sto", new Chip("Storage", ChipState.IDLE, "").abbreviation());
        assertEquals("Foo", new Chip("Foobar", ChipState.IDLE, "").abbreviation());
    }
}
