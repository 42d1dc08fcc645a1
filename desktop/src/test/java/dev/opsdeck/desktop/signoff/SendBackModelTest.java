package dev.opsdeck.desktop.signoff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.desktop.fx.ManualCommands;
import dev.opsdeck.desktop.fx.Pacer;
import dev.opsdeck.desktop.port.ConsolePort.Fitting;
import dev.opsdeck.engine.event.EngineEvent.SignOffRequested;
import dev.opsdeck.engine.event.EngineEvent.SignOffResolved;
import dev.opsdeck.engine.event.Outcome;
import dev.opsdeck.engine.flow.Answer;
import dev.opsdeck.engine.flow.Rounds;
import dev.opsdeck.engine.ticket.Ticket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Request changes and override on the sign-off panel, on a clock moved by hand and a fake at the answering port: what
 * is sent, to which sign-off, by whom, and that none of it approves anything.
 */
class SendBackModelTest {

    private final ManualCommands clock = new ManualCommands();
    private final List<String> sent = new ArrayList<>();
    private Answer reply = Answer.taken();
    private Runnable publish;
    private boolean due;
    private final Pacer byHand = p -> {
        publish = p;
        return () -> due = true;
    };
    private final Answering port = new Answering() {
        @Override
        public Answer answer(String channelId, Outcome verdict, String note, String by) {
            sent.add("verdict " + verdict + " " + channelId);
            return reply;
        }

        @Override
        public Answer requestChanges(String channelId, String feedback, String by) {
            sent.add("changes " + channelId + " by " + by + ": " + feedback);
            return reply;
        }

        @Override
        public Answer override(String channelId, String action, String note, String by) {
            sent.add("override " + channelId + " by " + by + ": " + action);
            return reply;
        }

        @Override
        public Answer doneByHand(String channelId, String action, String note, String by) {
            sent.add("by hand " + channelId + " by " + by + ": " + action + ": " + note);
            return reply;
        }

        @Override
        public List<Fitting> fitting(String ticketId) {
            return List.of(new Fitting("restart_web", "Restart the web server", "disruptive", "systemctl restart web"),
                    new Fitting("failover_web", "Fail over", "disruptive", "failover web-edge-02"));
        }
    };
    private final SignOffViewModel panel = new SignOffViewModel(port, clock,
            id -> Optional.of(Ticket.open(id, "web-edge-01", "web_5xx", "sev2", 0)), byHand);
    private final SendBackModel model = panel.sendBack();

    private void showRead(String channel) {
        panel.requested(new SignOffRequested(channel, "INC-001", List.of("human"), "rca", List.of("step"), "ok?",
                1e12), 100);
        if (due) {
            due = false;
            publish.run();
        }
        clock.advance(SignOffViewModel.ARMING);
    }

    @Test
    void requestChanges_sendsTheFeedbackForTheShownSignOff_andTheNewRoundTakesThePanelAfterwards() {
        showRead("INC-001.remediation");
        model.openChanges();
        assertThat(model.formProperty().get()).isEqualTo(SendBackModel.Form.CHANGES);

        model.sendChanges();
        assertThat(model.problemProperty().get()).isEqualTo("Feedback is required.");
        model.feedbackProperty().set("x".repeat(Rounds.MAX_TEXT + 1));
        model.sendChanges();
        assertThat(model.problemProperty().get()).contains("at most " + Rounds.MAX_TEXT);
        assertThat(sent).isEmpty();

        model.feedbackProperty().set("  not web-edge-02: the standby is down too ");
        model.sendChanges();
        assertThat(sent).containsExactly("changes INC-001.remediation by " + SignOffViewModel.BY
                + ": not web-edge-02: the standby is down too");
        assertThat(model.formProperty().get()).isEqualTo(SendBackModel.Form.NONE);

        panel.resolved(new SignOffResolved("INC-001.remediation", "Human sign-off: CHANGES_REQUESTED …",
                Outcome.CHANGES_REQUESTED, "someone-the-server-names"));
        assertThat(panel.noticeProperty().get()).startsWith("Sent: CHANGES_REQUESTED · INC-001")
                .contains("a new one is made with the feedback");
        showRead("INC-001.remediation-r2");
        clock.advance(SignOffViewModel.HOLD);
        if (due) {
            due = false;
            publish.run();
        }
        assertThat(panel.requestProperty().get().channelId()).isEqualTo("INC-001.remediation-r2");
    }

    @Test
    void nothingIsSentBack_beforeTheRequestHasBeenRead() {
        panel.requested(new SignOffRequested("INC-001.remediation", "INC-001", List.of("human"), "rca", List.of(),
                "ok?", 1e12), 100);
        publish.run();
        model.openChanges();
        model.feedbackProperty().set("not db-02");
        model.sendChanges();
        assertThat(sent).isEmpty();
        assertThat(model.problemProperty().get()).contains("Read the request first");
    }

    @Test
    void override_offersTheFittingActions_andSendsTheChosenOne_neverAnApproval() {
        showRead("INC-001.remediation");
        model.openOverride();
        assertThat(model.fitting()).extracting(Fitting::id).containsExactly("restart_web", "failover_web");
        model.sendOverride();
        assertThat(sent).isEmpty();
        assertThat(model.problemProperty().get()).contains("Choose one of the actions");

        model.chosenProperty().set(model.fitting().get(1));
        model.sendOverride();
        assertThat(sent).containsExactly("override INC-001.remediation by " + SignOffViewModel.BY + ": failover_web");
    }

    @Test
    void aStepDoneByHand_needsANote_andNamesTheChosenActionIfAny() {
        showRead("INC-001.remediation");
        model.openOverride();
        model.sendByHand();
        assertThat(model.problemProperty().get()).isEqualTo("A note of what you did is required.");
        model.handNoteProperty().set("I restarted it myself");
        model.sendByHand();
        assertThat(sent).containsExactly("by hand INC-001.remediation by " + SignOffViewModel.BY
                + ": null: I restarted it myself");
    }

    @Test
    void aRefusal_isShownAndThePanelStillWaits() {
        reply = Answer.refused("INC-001 had its proposal sent back 3 times, the most one ticket may");
        showRead("INC-001.remediation");
        model.openChanges();
        model.feedbackProperty().set("again");
        model.sendChanges();
        assertThat(model.problemProperty().get()).isEqualTo("Not sent: INC-001 had its proposal sent back 3 times, "
                + "the most one ticket may");
        assertThat(panel.busyProperty().get()).isFalse();
        assertThat(panel.openProperty().get()).isTrue();
        assertThat(model.formProperty().get()).isEqualTo(SendBackModel.Form.CHANGES);
    }
}
