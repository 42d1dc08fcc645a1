package dev.opsdeck.engine.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.engine.agent.Agent;
import dev.opsdeck.engine.reasoning.Reply;
import dev.opsdeck.engine.reasoning.ToolCall;
import dev.opsdeck.engine.testing.EngineFixture;
import dev.opsdeck.engine.testing.ScriptedReasoner;
import dev.opsdeck.engine.ticket.ActionRecord;
import dev.opsdeck.engine.ticket.Ticket;
import dev.opsdeck.engine.workflow.Envelope;
import dev.opsdeck.engine.world.WorldLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model proposes among the runbook's fitting actions, by id; it can neither add one nor run one. */
class ModelProposalTest {

    @TempDir
    Path dir;

    @Test
    void theRemediationAgent_seesTheFittingActions_andWhatItNamesIsWhatIsProposed() {
        AtomicReference<String> listed = new AtomicReference<>();
        ScriptedReasoner model = new ScriptedReasoner(WorldLoader.bundled()).script(Agent.REMEDIATION, req -> {
            ToolCall list = req.tools().call("list_runbook_actions", Map.of());
            listed.set(list.result());
            Map<String, Object> args = Map.of("steps", List.of("Restart orders-svc (disruptive).", "Page the team."),
                    "actions", List.of("sim_restart_orders_svc", "rm_rf_everything"));
            return new Reply(List.of(list, req.tools().call("post_recommendations", args)), "Proposed.", "model",
                    null);
        });
        try (EngineFixture f = new EngineFixture(dir, c -> c.withReasoner(model)).answering(Texts.APPROVE)) {
            String id = f.inject("web_5xx");
            f.recorder.awaitTerminal(id, EngineFixture.WAIT);

            assertThat(listed.get()).contains("2 runbook action(s) fit " + id).contains("- sim_raise_proxy_timeout [safe]")
                    .contains("- sim_restart_orders_svc [disruptive] Restart orders-svc behind api-gateway-02: "
                            + "(simulated) orders-svc: rolling restart");
            Ticket t = f.engine.ticket(id).orElseThrow();
            assertThat(t.actions()).extracting(ActionRecord::id).containsExactly("sim_restart_orders_svc");
            Envelope proposed = f.engine.journal(id + ".remediation").stream()
                    .filter(e -> "propose_actions".equals(e.tool())).findFirst().orElseThrow();
            assertThat(proposed.toolArgs().get("not_proposed")).isEqualTo(List.of(
                    "action sim_raise_proxy_timeout fits but Remediation did not propose it",
                    "action rm_rf_everything not proposed: it is no runbook action that fits " + id));
        }
    }
}
