package dev.opsdeck.engine.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.event.Level;
import dev.opsdeck.engine.testing.EngineFixture;
import dev.opsdeck.engine.testing.Trace;
import dev.opsdeck.engine.ticket.Ticket;
import dev.opsdeck.engine.workflow.Graphs;
import dev.opsdeck.engine.workflow.WorkflowTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The event order of a full and of a duplicate flow, as the wire contract lists them. */
class FlowOrderTest {

    @TempDir
    Path dir;

    @Test
    void fullFlow_publishesTheContractsOrder_withTheBandInAnyOrder() {
        try (EngineFixture f = new EngineFixture(dir, c -> c).answering(Texts.APPROVE)) {
            String id = f.inject("web_5xx");
            List<EngineEvent> all = f.recorder.awaitTerminal(id, EngineFixture.WAIT);

            assertThat(all.subList(0, 5)).extracting(EngineEvent::type)
                    .containsExactly("log", "log", "log", "log", "ticket_created");
            assertThat(all.subList(0, 4)).allSatisfy(e ->
                    assertThat(((EngineEvent.LogLine) e).level()).isEqualTo(Level.ERROR));

            List<String> lines = new ArrayList<>(Trace.of(id, all).stream().map(Trace::line).toList());
            List<String> diagnosisBand = cut(lines, 6, 3);
            assertThat(diagnosisBand).containsExactlyInAnyOrder("envelope Network submit_findings",
                    "envelope Storage submit_findings", "envelope Web submit_findings");
            List<String> fixes = new ArrayList<>(lines.subList(lines.indexOf("hitl_requested"), lines.size()));
            fixes.removeIf(l -> !l.endsWith("submit_fix"));
            lines.removeIf(l -> l.endsWith("submit_fix"));
            assertThat(fixes).containsExactlyInAnyOrder("envelope Infra submit_fix", "envelope StorageFix submit_fix",
                    "envelope ConfigFix submit_fix");

            assertThat(lines).containsExactly(
                    "ticket_created",
                    "channel_opened diagnosis",
                    "envelope TicketBot text",
                    "envelope IntakeLookup list_recent_tickets",
                    "envelope IntakeDecide proceed_to_triage",
                    "envelope Triage assign_specialists",
                    "envelope RCA submit_rca",
                    "envelope Remediation post_recommendations",
                    "channel_closed remediation_recommended",
                    "ticket_status Diagnosing",
                    "ticket_status Remediation_Recommended",
                    "channel_opened remediation",
                    "ticket_status Remediating",
                    "envelope RemBot text",
                    "ticket_status Remediating",
                    "envelope Runner propose_actions",
                    "envelope RemTriage assign_fixers",
                    "ticket_status Remediating needs_human",
                    "hitl_requested",
                    "ticket_status Remediating",
                    "hitl_resolved approved",
                    "envelope Human text",
                    "ticket_status Remediating",
                    "ticket_status Remediating",
                    "envelope Runner run_action",
                    "ticket_status Remediating",
                    "ticket_status Remediating",
                    "envelope Runner run_action",
                    "envelope Runner finish_actions",
                    "envelope Resolver close_ticket",
                    "channel_closed resolved",
                    "ticket_status Remediating",
                    "ticket_status Resolved");

            Ticket t = f.engine.ticket(id).orElseThrow();
            assertThat(t.history()).containsExactly("created · Diagnosing", "Remediation_Recommended · 4 step(s)",
                    "Remediating · stage-2 workflow spawned", "sign-off approved by test", "Resolved · stage-2 complete");
            assertThat(t.rca()).contains("storage");
            assertThat(t.confidence()).isEqualTo("high");
            assertThat(t.needsHuman()).isFalse();

            WorkflowTest.assertCharter(Graphs.DIAGNOSIS, f.engine.journal(id + ".diagnosis"), "remediation_recommended");
            WorkflowTest.assertCharter(Graphs.REMEDIATION, f.engine.journal(id + ".remediation"), "resolved");
        }
    }

    @Test
    void channelOpened_precedesEveryEnvelopeOfItsChannel() {
        try (EngineFixture f = new EngineFixture(dir, c -> c).answering(Texts.DEFER)) {
            String id = f.inject("storage_io_error");
            List<EngineEvent> all = f.recorder.awaitTerminal(id, EngineFixture.WAIT);
            List<String> opened = new ArrayList<>();
            for (EngineEvent e : all) {
                if (e instanceof EngineEvent.ChannelOpened o) {
                    opened.add(o.channelId());
                }
                if (e instanceof EngineEvent.EnvelopePosted p) {
                    assertThat(opened).contains(p.envelope().channelId());
                }
            }
            assertThat(opened).containsExactly(id + ".diagnosis", id + ".remediation");
        }
    }

    @Test
    void duplicateFlow_shortCircuitsInDiagnosis_withItsParent() {
        try (EngineFixture f = new EngineFixture(dir, c -> c.withDebounce(java.time.Duration.ZERO)).answering(Texts.APPROVE)) {
            String first = f.inject("web_5xx");
            f.recorder.awaitTerminal(first, EngineFixture.WAIT);
            String second = f.inject("web_5xx");
            List<EngineEvent> all = f.recorder.awaitTerminal(second, EngineFixture.WAIT);

            assertThat(Trace.of(second, all).stream().map(Trace::line).toList()).containsExactly(
                    "ticket_created",
                    "channel_opened diagnosis",
                    "envelope TicketBot text",
                    "envelope IntakeLookup list_recent_tickets",
                    "envelope IntakeDecide mark_as_duplicate",
                    "channel_closed duplicate",
                    "ticket_status Diagnosing",
                    "ticket_status Duplicate");
            Ticket dup = f.engine.ticket(second).orElseThrow();
            assertThat(dup.parent()).isEqualTo(first);
            assertThat(dup.history()).containsExactly("created · Diagnosing", "Duplicate · of " + first);
            assertThat(dup.rca()).isEmpty();
            WorkflowTest.assertCharter(Graphs.DIAGNOSIS, f.engine.journal(second + ".diagnosis"), "duplicate");
        }
    }

    /** Removes and returns {@code count} lines from {@code from}. */
    private static List<String> cut(List<String> lines, int from, int count) {
        List<String> part = new ArrayList<>(lines.subList(from, from + count));
        lines.subList(from, from + count).clear();
        return part;
    }
}
