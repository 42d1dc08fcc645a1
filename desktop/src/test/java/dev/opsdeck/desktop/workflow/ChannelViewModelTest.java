package dev.opsdeck.desktop.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.event.Outcome;
import dev.opsdeck.engine.ticket.Ticket;
import dev.opsdeck.engine.workflow.Envelope;
import dev.opsdeck.engine.workflow.Stage;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rail from events alone: no FX toolkit, no engine. */
class ChannelViewModelTest {

    private static final String CH = "INC-007.diagnosis";
    private final WorkflowsViewModel workflows = new WorkflowsViewModel(
            id -> Optional.of(Ticket.open(id, "web-edge-01", "web_5xx", "sev2", 100)));

    private void post(Envelope e) {
        workflows.apply(new EngineEvent.EnvelopePosted(e), e.ts());
    }

    /** The rail as the card shows it: published, as the console's pacing does after a batch. */
    private Rail rail() {
        return rail(CH);
    }

    private Rail rail(String channel) {
        workflows.publish();
        return workflows.channel(channel).orElseThrow().rail();
    }

    @Test
    void aNewDiagnosis_hasTicketBotActive_andEverythingElseIdle() {
        workflows.apply(new EngineEvent.ChannelOpened(CH, "INC-007", Stage.DIAGNOSIS), 100);

        assertThat(rail().chip("TicketBot").state()).isEqualTo(ChipState.ACTIVE);
        assertThat(rail().chip("Triage").state()).isEqualTo(ChipState.IDLE);
        assertThat(workflows.openProperty(Stage.DIAGNOSIS).get()).isEqualTo(1);
        assertThat(rail().band().label()).isEqualTo("parallel specialists · awaiting triage");
    }

    @Test
    void theBand_showsChosenMembersPending_skipsTheOthers_andJoinsIntoRca() {
        workflows.apply(new EngineEvent.ChannelOpened(CH, "INC-007", Stage.DIAGNOSIS), 100);
        post(Envelope.text(CH, 1, "TicketBot", "kickoff", 100.1));
        assertThat(rail().chip("TicketBot").state()).isEqualTo(ChipState.DONE);
        assertThat(rail().chip("IntakeLookup").state()).isEqualTo(ChipState.ACTIVE);
        post(Envelope.packet(CH, 2, "IntakeLookup", "list_recent_tickets", Map.of(), "none", "rules", 100.2));
        post(Envelope.packet(CH, 3, "IntakeDecide", "proceed_to_triage", Map.of(), "go", "rules", 100.3));
        post(Envelope.packet(CH, 4, "Triage", "assign_specialists",
                Map.of("specialists", List.of("web", "storage")), "both", "rules", 101.0));

        assertThat(rail().chip("Triage").meta()).isEqualTo("assign_specialists");
        assertThat(rail().chip("Web").state()).isEqualTo(ChipState.ACTIVE);
        assertThat(rail().chip("Storage").state()).isEqualTo(ChipState.ACTIVE);
        assertThat(rail().chip("Network").state()).isEqualTo(ChipState.SKIPPED);
        assertThat(rail().chip("RCA").meta()).isEqualTo("waiting for join");
        assertThat(rail().band().label()).isEqualTo("parallel specialists · 2 of 2 pending");

        post(Envelope.packet(CH, 5, "Web", "submit_findings", Map.of(), "web", "rules", 102.0));
        assertThat(rail().band().label()).isEqualTo("parallel specialists · 1 of 2 pending");
        assertThat(rail().chip("RCA").state()).isEqualTo(ChipState.IDLE);

        post(Envelope.packet(CH, 6, "Storage", "submit_findings", Map.of(), "sto", "rules", 103.0));
        assertThat(rail().chip("RCA").state()).isEqualTo(ChipState.ACTIVE);
        // 1 s + 2 s of member work in 2 s of wall time.
        assertThat(workflows.speedUpProperty().get()).isEqualTo(1.5);
    }

    @Test
    void aClosedDuplicate_collapses_withItsParent_andSkipsTheRest() {
        workflows.apply(new EngineEvent.ChannelOpened(CH, "INC-008", Stage.DIAGNOSIS), 100);
        post(Envelope.text(CH, 1, "TicketBot", "kickoff", 100.1));
        post(Envelope.packet(CH, 2, "IntakeLookup", "list_recent_tickets", Map.of(), "found", "rules", 100.2));
        post(Envelope.packet(CH, 3, "IntakeDecide", "mark_as_duplicate",
                Map.of("parent_ticket_id", "INC-007", "reason", "same"), "dup", "rules", 100.3));
        workflows.apply(new EngineEvent.ChannelClosed(CH, "duplicate"), 100.4);

        ChannelViewModel c = workflows.channel(CH).orElseThrow();
        assertThat(c.isClosed()).isTrue();
        assertThat(c.parent()).isEqualTo("INC-007");
        assertThat(c.summary()).startsWith("⊃ INC-007").endsWith("duplicate");
        assertThat(rail().chip("Triage").state()).isEqualTo(ChipState.SKIPPED);
        assertThat(workflows.openProperty(Stage.DIAGNOSIS).get()).isZero();
    }

    @Test
    void theHumanFixer_isBlockedWhileTheSignOffWaits_andTheAttentionMarkerIsUp() {
        String rem = "INC-007.remediation";
        workflows.apply(new EngineEvent.ChannelOpened(rem, "INC-007", Stage.REMEDIATION), 200);
        workflows.apply(new EngineEvent.EnvelopePosted(Envelope.text(rem, 1, "RemBot", "go", 200.1)), 200.1);
        workflows.apply(new EngineEvent.EnvelopePosted(Envelope.packet(rem, 2, "RemTriage", "assign_fixers",
                Map.of("fixers", List.of("infra", "human")), "fixers", "rules", 200.2)), 200.2);
        workflows.apply(new EngineEvent.SignOffRequested(rem, "INC-007", List.of("infra", "human"), "rca",
                List.of("step"), "prompt", 500), 200.3);

        Rail r = rail(rem);
        assertThat(r.chip("Human").state()).isEqualTo(ChipState.BLOCKED);
        assertThat(r.chip("Infra").state()).isEqualTo(ChipState.ACTIVE);
        assertThat(r.state()).isEqualTo("awaiting human input");
        assertThat(workflows.attentionProperty().get()).isTrue();

        workflows.apply(new EngineEvent.SignOffResolved(rem, "Human sign-off: APPROVED.", Outcome.APPROVED, "desktop"), 201);
        assertThat(workflows.attentionProperty().get()).isFalse();
        assertThat(rail(rem).chip("Human").state()).isEqualTo(ChipState.ACTIVE);
    }

    @Test
    void openWorkflows_beyondTheShowLimit_areCounted_notListed() {
        for (int i = 0; i < WorkflowsViewModel.SHOW_OPEN + 7; i++) {
            workflows.apply(new EngineEvent.ChannelOpened("c" + i, "INC-" + i, Stage.DIAGNOSIS), i);
        }
        workflows.publish();

        assertThat(workflows.openChannels(Stage.DIAGNOSIS)).hasSize(WorkflowsViewModel.SHOW_OPEN);
        assertThat(workflows.openChannels(Stage.DIAGNOSIS).get(0).channelId()).isEqualTo("c0");
        assertThat(workflows.hiddenOpenProperty(Stage.DIAGNOSIS).get()).isEqualTo(7);
        assertThat(workflows.openProperty(Stage.DIAGNOSIS).get()).isEqualTo(WorkflowsViewModel.SHOW_OPEN + 7);
    }

    @Test
    void finishedWorkflows_beyondTheKeepLimit_dropOffTheList() {
        for (int i = 0; i < WorkflowsViewModel.KEEP_FINISHED + 5; i++) {
            String ch = "INC-" + i + ".diagnosis";
            workflows.apply(new EngineEvent.ChannelOpened(ch, "INC-" + i, Stage.DIAGNOSIS), i);
            workflows.apply(new EngineEvent.ChannelClosed(ch, "no_match"), i + 0.5);
        }
        workflows.apply(new EngineEvent.ChannelOpened("open.diagnosis", "INC-999", Stage.DIAGNOSIS), 999);
        workflows.publish();

        assertThat(workflows.finishedChannels(Stage.DIAGNOSIS)).hasSize(WorkflowsViewModel.KEEP_FINISHED);
        assertThat(workflows.finishedChannels(Stage.DIAGNOSIS).get(0).channelId())
                .isEqualTo("INC-" + (WorkflowsViewModel.KEEP_FINISHED + 4) + ".diagnosis");
        assertThat(workflows.openChannels(Stage.DIAGNOSIS)).extracting(ChannelViewModel::channelId)
                .containsExactly("open.diagnosis");
    }

    @Test
    void aCard_hearsOfManyEnvelopesOnce_whenTheWorkflowsArePublished() {
        workflows.apply(new EngineEvent.ChannelOpened(CH, "INC-007", Stage.DIAGNOSIS), 100);
        workflows.publish();
        ChannelViewModel card = workflows.channel(CH).orElseThrow();
        List<Rail> heard = new java.util.ArrayList<>();
        card.railProperty().addListener((o, was, now) -> heard.add(now));

        post(Envelope.text(CH, 1, "TicketBot", "kickoff", 100.1));
        post(Envelope.packet(CH, 2, "IntakeLookup", "list_recent_tickets", Map.of(), "none", "rules", 100.2));
        post(Envelope.packet(CH, 3, "IntakeDecide", "proceed_to_triage", Map.of(), "go", "rules", 100.3));
        assertThat(workflows.hasCardChanges() || workflows.hasRowChanges()).isTrue();
        assertThat(heard).isEmpty();

        workflows.publish();

        assertThat(heard).hasSize(1);
        assertThat(heard.get(0).chip("IntakeDecide").state()).isEqualTo(ChipState.DONE);
        assertThat(heard.get(0).chip("Triage").state()).isEqualTo(ChipState.ACTIVE);
        assertThat(workflows.hasCardChanges() || workflows.hasRowChanges()).isFalse();
    }

    @Test
    void aFinishedCardsPlace_goesToTheLongestRunningWaitingWorkflow_andNoOtherCardMoves() {
        int n = WorkflowsViewModel.SHOW_OPEN + 3;
        for (int i = 0; i < n; i++) {
            workflows.apply(new EngineEvent.ChannelOpened("c" + i, "INC-" + i, Stage.DIAGNOSIS), i);
        }
        workflows.publish();
        List<ChannelViewModel> before = List.copyOf(workflows.openChannels(Stage.DIAGNOSIS));

        workflows.apply(new EngineEvent.ChannelClosed("c0", "no_match"), 100);
        workflows.apply(new EngineEvent.ChannelClosed("c3", "no_match"), 101);
        workflows.publish();

        List<ChannelViewModel> after = workflows.openChannels(Stage.DIAGNOSIS);
        assertThat(after).hasSize(WorkflowsViewModel.SHOW_OPEN);
        assertThat(after.get(0).channelId()).isEqualTo("c" + WorkflowsViewModel.SHOW_OPEN);
        assertThat(after.get(3).channelId()).isEqualTo("c" + (WorkflowsViewModel.SHOW_OPEN + 1));
        for (int i = 0; i < after.size(); i++) {
            if (i != 0 && i != 3) {
                assertThat(after.get(i)).isSameAs(before.get(i));
            }
        }
        assertThat(workflows.hiddenOpenProperty(Stage.DIAGNOSIS).get()).isEqualTo(1);

        // With nobody waiting, the cards below a finished one move up.
        for (int i = 0; i < n; i++) {
            if (i != 0 && i != 3 && i != 5) {
                workflows.apply(new EngineEvent.ChannelClosed("c" + i, "no_match"), 200 + i);
            }
        }
        workflows.publish();
        assertThat(workflows.openChannels(Stage.DIAGNOSIS)).extracting(ChannelViewModel::channelId).containsExactly("c5");
    }

    @Test
    void aWorkflowWithoutACard_foldsItsEnvelopes_andShowsThemWhenItGetsOne() {
        int n = WorkflowsViewModel.SHOW_OPEN + 1;
        for (int i = 0; i < n; i++) {
            workflows.apply(new EngineEvent.ChannelOpened("c" + i + ".diagnosis", "INC-" + i, Stage.DIAGNOSIS), i);
        }
        String hidden = "c" + WorkflowsViewModel.SHOW_OPEN + ".diagnosis";
        post(Envelope.text(hidden, 1, "TicketBot", "kickoff", 100.1));
        workflows.publish();
        ChannelViewModel waiting = workflows.channel(hidden).orElseThrow();
        assertThat(workflows.openChannels(Stage.DIAGNOSIS)).doesNotContain(waiting);
        assertThat(waiting.rail().chip("TicketBot").state()).as("not drawn, not built").isEqualTo(ChipState.ACTIVE);

        workflows.apply(new EngineEvent.ChannelClosed("c0.diagnosis", "no_match"), 200);
        workflows.publish();

        assertThat(workflows.openChannels(Stage.DIAGNOSIS).get(0)).isSameAs(waiting);
        assertThat(waiting.rail().chip("TicketBot").state()).isEqualTo(ChipState.DONE);
        assertThat(waiting.rail().chip("IntakeLookup").state()).isEqualTo(ChipState.ACTIVE);
    }

    @Test
    void theCardsAndTheFinishedRows_arePublishedApart_eachWhenItHasSomethingToShow() {
        workflows.apply(new EngineEvent.ChannelOpened(CH, "INC-007", Stage.DIAGNOSIS), 100);
        workflows.publish();
        post(Envelope.text(CH, 1, "TicketBot", "kickoff", 100.1));
        assertThat(workflows.hasCardChanges()).isTrue();
        assertThat(workflows.hasRowChanges()).isFalse();
        workflows.publishCards();
        assertThat(workflows.hasCardChanges() || workflows.hasRowChanges()).isFalse();

        workflows.apply(new EngineEvent.ChannelClosed(CH, "no_match"), 101);
        assertThat(workflows.hasCardChanges()).isTrue();
        assertThat(workflows.hasRowChanges()).isTrue();
        workflows.publishRows();
        assertThat(workflows.finishedChannels(Stage.DIAGNOSIS)).extracting(ChannelViewModel::channelId)
                .containsExactly(CH);
        assertThat(workflows.openChannels(Stage.DIAGNOSIS)).as("the card goes at the cards' publish").hasSize(1);
        workflows.publishCards();
        assertThat(workflows.openChannels(Stage.DIAGNOSIS)).isEmpty();

        // A workflow without a card asks for no publish when it folds an envelope.
        for (int i = 0; i <= WorkflowsViewModel.SHOW_OPEN; i++) {
            workflows.apply(new EngineEvent.ChannelOpened("c" + i + ".diagnosis", "INC-" + i, Stage.DIAGNOSIS), i);
        }
        workflows.publish();
        post(Envelope.text("c" + WorkflowsViewModel.SHOW_OPEN + ".diagnosis", 1, "TicketBot", "kickoff", 200));
        assertThat(workflows.hasCardChanges() || workflows.hasRowChanges()).isFalse();
    }
}
