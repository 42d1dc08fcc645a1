package dev.opsdeck.engine.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

public class WorkflowTest {

    private static final Graph DIAG = Graphs.DIAGNOSIS;
    private static final Graph REM = Graphs.REMEDIATION;
    private static final String CH = "INC-007.diagnosis";

    private int n;

    private Envelope text(String sender) {
        return Envelope.text(CH, ++n, sender, "kickoff", 0);
    }

    private Envelope call(String sender, String tool, Map<String, Object> args) {
        return Envelope.packet(CH, ++n, sender, tool, args, "body", "rules", 0);
    }

    private WorkflowState post(Graph g, WorkflowState s, Envelope e) {
        assertThat(Workflow.refusal(s, e.sender())).as("gate for " + e.sender()).isEmpty();
        return Workflow.fold(g, s, e);
    }

    private WorkflowState toBand(List<String> specialists) {
        WorkflowState s = WorkflowState.initial(DIAG);
        s = post(DIAG, s, text("TicketBot"));
        s = post(DIAG, s, call("IntakeLookup", "list_recent_tickets", Map.of("system", "web-edge-01", "issue_type", "web_5xx")));
        s = post(DIAG, s, call("IntakeDecide", "proceed_to_triage", Map.of("reason", "new")));
        return post(DIAG, s, call("Triage", "assign_specialists", Map.of("specialists", specialists, "reason", "r")));
    }

    @Test
    void initialState_expectsTicketBot_andNothingElse() {
        WorkflowState s = WorkflowState.initial(DIAG);
        assertThat(s.expected()).isEqualTo("TicketBot");
        assertThat(s.pending()).isEmpty();
        assertThat(s.turnCount()).isZero();
        assertThat(Workflow.refusal(s, "Triage")).hasValueSatisfying(r -> assertThat(r).contains("expects TicketBot"));
    }

    @Test
    void kickoff_thenLookup_thenDecide_routeInOrder() {
        WorkflowState s = post(DIAG, WorkflowState.initial(DIAG), text("TicketBot"));
        assertThat(s.expected()).isEqualTo("IntakeLookup");
        assertThat(s.turnCount()).isEqualTo(1);
        s = post(DIAG, s, call("IntakeLookup", "list_recent_tickets", Map.of()));
        assertThat(s.expected()).isEqualTo("IntakeDecide");
    }

    @Test
    void markAsDuplicate_closesTheChannel_asDuplicate() {
        WorkflowState s = post(DIAG, WorkflowState.initial(DIAG), text("TicketBot"));
        s = post(DIAG, s, call("IntakeLookup", "list_recent_tickets", Map.of()));
        s = post(DIAG, s, call("IntakeDecide", "mark_as_duplicate", Map.of("parent_ticket_id", "INC-007", "reason", "r")));
        assertThat(s.closed()).isTrue();
        assertThat(s.closeReason()).isEqualTo("duplicate");
        assertThat(s.expected()).isNull();
    }

    @Test
    void assignSpecialists_makesExactlyTheNamedMembersPending_sorted() {
        WorkflowState s = toBand(List.of("web", "network"));
        assertThat(s.expected()).isNull();
        assertThat(s.pending()).containsExactly("Network", "Web");
    }

    @Test
    void firstMemberPost_doesNotRoute_andLastMemberPost_isTheJoin() {
        WorkflowState s = toBand(List.of("network", "storage", "web"));
        s = post(DIAG, s, call("Web", "submit_findings", Map.of("summary", "s", "evidence", "e")));
        assertThat(s.pending()).containsExactly("Network", "Storage");
        assertThat(s.expected()).isNull();
        s = post(DIAG, s, call("Network", "submit_findings", Map.of("summary", "s", "evidence", "e")));
        assertThat(s.pending()).containsExactly("Storage");
        assertThat(s.expected()).isNull();
        s = post(DIAG, s, call("Storage", "submit_findings", Map.of("summary", "s", "evidence", "e")));
        assertThat(s.pending()).isEmpty();
        assertThat(s.expected()).isEqualTo("RCA");
    }

    @Test
    void aMemberThatAlreadySpoke_andAnyNonMember_areRejectedByTheBandGate() {
        WorkflowState s = toBand(List.of("network", "storage"));
        s = post(DIAG, s, call("Network", "submit_findings", Map.of("summary", "s", "evidence", "e")));
        assertThat(Workflow.refusal(s, "Network")).hasValueSatisfying(r -> assertThat(r).contains("expects one of [Storage]"));
        assertThat(Workflow.refusal(s, "Web")).isPresent();
        assertThat(Workflow.refusal(s, "Triage")).isPresent();
        assertThat(Workflow.refusal(s, "Storage")).isEmpty();
    }

    @Test
    void lastMemberWithoutItsRoutingTool_closesNoMatch() {
        WorkflowState s = toBand(List.of("network"));
        s = post(DIAG, s, call("Network", null, null));
        assertThat(s.closed()).isTrue();
        assertThat(s.closeReason()).isEqualTo("no_match");
    }

    @Test
    void unknownNickname_isRefusedWithTheKnownOnes() {
        WorkflowState s = post(DIAG, WorkflowState.initial(DIAG), text("TicketBot"));
        s = post(DIAG, s, call("IntakeLookup", "list_recent_tickets", Map.of()));
        WorkflowState atTriage = post(DIAG, s, call("IntakeDecide", "proceed_to_triage", Map.of("reason", "r")));
        Envelope bad = call("Triage", "assign_specialists", Map.of("specialists", List.of("database"), "reason", "r"));
        assertThatThrownBy(() -> Workflow.fold(DIAG, atTriage, bad))
                .isInstanceOf(WorkflowException.class).hasMessageContaining("unknown nickname 'database'")
                .hasMessageContaining("[network, storage, web]");
    }

    @Test
    void emptyBand_terminatesTheWorkflow() {
        WorkflowState s = toBand(List.of());
        assertThat(s.closed()).isTrue();
        assertThat(s.closeReason()).isEqualTo("workflow_terminated");
    }

    @Test
    void singleMemberBand_joinsAtOnce_andTheRestOfThePipelineCloses() {
        WorkflowState s = toBand(List.of("storage"));
        s = post(DIAG, s, call("Storage", "submit_findings", Map.of("summary", "s", "evidence", "e")));
        s = post(DIAG, s, call("RCA", "submit_rca", Map.of("root_cause", "r", "confidence", "high")));
        s = post(DIAG, s, call("Remediation", "post_recommendations", Map.of("steps", List.of("a", "b", "c"))));
        assertThat(s.closed()).isTrue();
        assertThat(s.closeReason()).isEqualTo("remediation_recommended");
        assertThat(s.turnCount()).isEqualTo(7);
    }

    @Test
    void remediationBand_includesTheOperator_andJoinsOnWhoeverIsLast() {
        WorkflowState s = WorkflowState.initial(REM);
        s = post(REM, s, Envelope.text("r", 1, "RemBot", "kickoff", 0));
        assertThat(s.expected()).isEqualTo("Runner");
        s = post(REM, s, Envelope.packet("r", 2, "Runner", "propose_actions", Map.of("actions", List.of("a")), "b",
                "runner", 0));
        assertThat(s.expected()).isEqualTo("RemTriage");
        s = post(REM, s, Envelope.packet("r", 3, "RemTriage", "assign_fixers",
                Map.of("fixers", List.of("infra", "human"), "reason", "r"), "b", "rules", 0));
        assertThat(s.pending()).containsExactly("Human", "Infra");
        s = post(REM, s, Envelope.packet("r", 4, "Infra", "submit_fix", Map.of("summary", "s", "status", "ready"), "b", "rules", 0));
        assertThat(s.pending()).containsExactly("Human");
        s = post(REM, s, Envelope.text("r", 5, "Human", "Human sign-off: APPROVED.", 0));
        assertThat(s.expected()).as("approved actions run after the band, by the engine").isEqualTo("Runner");
        s = post(REM, s, Envelope.packet("r", 6, "Runner", "run_action", Map.of("id", "a"), "b", "runner", 0));
        assertThat(s.expected()).isEqualTo("Runner");
        s = post(REM, s, Envelope.packet("r", 7, "Runner", "finish_actions", Map.of("ran", 1), "b", "runner", 0));
        assertThat(s.expected()).isEqualTo("Resolver");
        s = post(REM, s, Envelope.packet("r", 8, "Resolver", "close_ticket", Map.of("status", "resolved", "summary", "s"), "b", "rules", 0));
        assertThat(s.closeReason()).isEqualTo("resolved");
    }

    @Test
    void maxTurns_closesAScalarWorkflowThatLoops() {
        Graph tiny = new Graph(dev.opsdeck.engine.agent.Agent.TICKET_BOT, DIAG.participants(), List.of(
                new Graph.Rule(new Graph.When.SpeakerIs(dev.opsdeck.engine.agent.Agent.TICKET_BOT),
                        new Graph.Target.Next(dev.opsdeck.engine.agent.Agent.TICKET_BOT))), "no_match", 3);
        WorkflowState s = WorkflowState.initial(tiny);
        for (int i = 0; i < 3; i++) {
            s = Workflow.fold(tiny, s, text("TicketBot"));
        }
        assertThat(s.closed()).isTrue();
        assertThat(s.closeReason()).isEqualTo("max_turns");
    }

    /**
     * The replay charter: drive a journal live (gate + fold), snapshot the state's JSON after every step, then
     * refold the same journal from empty and get the same bytes at every step.
     */
    @Test
    void replayingAFullPathJournal_rebuildsByteIdenticalStateAtEveryStep() {
        List<Envelope> journal = List.of(text("TicketBot"),
                call("IntakeLookup", "list_recent_tickets", Map.of("system", "web-edge-01", "issue_type", "web_5xx")),
                call("IntakeDecide", "proceed_to_triage", Map.of("reason", "new")),
                call("Triage", "assign_specialists", Map.of("specialists", List.of("network", "storage"), "reason", "r")),
                call("Network", "submit_findings", Map.of("summary", "s", "evidence", "e")),
                call("Storage", "submit_findings", Map.of("summary", "s", "evidence", "e")),
                call("RCA", "submit_rca", Map.of("root_cause", "r", "confidence", "high")),
                call("Remediation", "post_recommendations", Map.of("steps", List.of("a", "b", "c"))));
        assertCharter(DIAG, journal, "remediation_recommended");
    }

    @Test
    void replayingADuplicatePathJournal_rebuildsByteIdenticalStateAtEveryStep() {
        List<Envelope> journal = List.of(text("TicketBot"),
                call("IntakeLookup", "list_recent_tickets", Map.of("system", "web-edge-01", "issue_type", "web_5xx")),
                call("IntakeDecide", "mark_as_duplicate", Map.of("parent_ticket_id", "INC-007", "reason", "r")));
        assertCharter(DIAG, journal, "duplicate");
    }

    /** Public so the engine-level tests can hold real journals to the same charter. */
    public static void assertCharter(Graph graph, List<Envelope> journal, String reason) {
        List<String> live = new ArrayList<>();
        WorkflowState s = WorkflowState.initial(graph);
        live.add(dev.opsdeck.engine.Json.write(s));
        for (Envelope e : journal) {
            assertThat(Workflow.refusal(s, e.sender())).isEmpty();
            s = Workflow.fold(graph, s, e);
            live.add(dev.opsdeck.engine.Json.write(s));
        }
        assertThat(s.closeReason()).isEqualTo(reason);
        List<String> replayed = new ArrayList<>();
        WorkflowState r = WorkflowState.initial(graph);
        replayed.add(dev.opsdeck.engine.Json.write(r));
        for (Envelope e : journal) {
            r = Workflow.fold(graph, r, e);
            replayed.add(dev.opsdeck.engine.Json.write(r));
        }
        assertThat(replayed).containsExactlyElementsOf(live);
        assertThat(live).hasSize(journal.size() + 1);
        assertThat(Workflow.replay(graph, journal)).isEqualTo(s);
    }
}
