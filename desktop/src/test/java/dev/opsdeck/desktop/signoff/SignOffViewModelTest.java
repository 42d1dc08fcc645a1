package dev.opsdeck.desktop.signoff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.desktop.fx.ManualCommands;
import dev.opsdeck.desktop.fx.Pacer;
import dev.opsdeck.engine.event.EngineEvent.SignOffRequested;
import dev.opsdeck.engine.event.EngineEvent.SignOffResolved;
import dev.opsdeck.engine.event.Outcome;
import dev.opsdeck.engine.flow.Answer;
import dev.opsdeck.engine.ticket.Ticket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The sign-off panel's safety, on a clock moved by hand and a fake at the answering port: no FX toolkit, no engine.
 * Each test is one way the console could approve what nobody meant.
 */
class SignOffViewModelTest {

    private record Sent(String channelId, Outcome verdict, String note) {
    }

    private final ManualCommands clock = new ManualCommands();
    private final List<Sent> sent = new ArrayList<>();
    private final Map<String, Ticket> tickets = new HashMap<>();
    private boolean due;
    private Runnable publish;
    private final Pacer byHand = p -> {
        publish = p;
        return () -> due = true;
    };
    private Answering answering = (channel, verdict, note, by) -> {
        sent.add(new Sent(channel, verdict, note));
        return Answer.taken();
    };
    private final SignOffViewModel model = new SignOffViewModel((c, v, n, b) -> answering.answer(c, v, n, b), clock,
            id -> Optional.ofNullable(tickets.get(id)), byHand);

    private SignOffRequested request(String ticket, String sev, double deadline) {
        tickets.put(ticket, Ticket.open(ticket, "web-edge-01", "web_5xx", sev, 0).withDiagnosis("rca", "high",
                List.of("step")));
        return new SignOffRequested(ticket + ".remediation", ticket, List.of("infra", "human"), "rca",
                List.of("Restart nginx (disruptive: needs operator sign-off).", "Page the team."), "approve?",
                deadline);
    }

    private void pulse() {
        if (due) {
            due = false;
            publish.run();
        }
    }

    /** What the engine does once an answer is taken: tells everyone the sign-off is over. */
    private void engineResolves(Sent s) {
        model.resolved(new SignOffResolved(s.channelId(), "…", s.verdict(), SignOffViewModel.BY));
    }

    private String shown() {
        return model.requestProperty().get() == null ? null : model.requestProperty().get().ticketId();
    }

    private void readLongEnough() {
        clock.advance(SignOffViewModel.ARMING);
    }

    @Test
    void freeTextAlone_neverDecides_andEnterSaysHowToDecide() {
        model.requested(request("INC-001", "sev2", 1e12), 100);
        pulse();
        readLongEnough();

        model.noteProperty().set("no, hold off");
        model.noteEntered();

        assertThat(sent).as("a note on its own sends nothing").isEmpty();
        assertThat(model.openProperty().get()).isTrue();
        assertThat(model.noticeProperty().get()).contains("A note decides nothing").contains("INC-001");

        model.reject();
        assertThat(sent).containsExactly(new Sent("INC-001.remediation", Outcome.REJECTED, "no, hold off"));
    }

    @Test
    void aNewRequest_takesNoAnswerUntilItHasBeenOnScreenForTheArmingTime() {
        model.requested(request("INC-001", "sev2", 1e12), 100);
        pulse();
        assertThat(model.armedProperty().get()).isFalse();

        model.approve();
        clock.advance(SignOffViewModel.ARMING.minusMillis(1));
        model.approve();
        assertThat(sent).as("pressed before it could be read").isEmpty();

        clock.advance(Duration.ofMillis(1));
        assertThat(model.armedProperty().get()).isTrue();
        model.approve();
        assertThat(sent).extracting(Sent::channelId).containsExactly("INC-001.remediation");
    }

    @Test
    void approvePressedTwice400msApart_approvesOnlyTheRequestThatWasRead() {
        model.requested(request("INC-001", "sev2", 1e12), 100);
        model.requested(request("INC-002", "sev1", 1e12), 100);
        pulse();
        readLongEnough();
        String first = shown();

        model.approve();
        engineResolves(sent.get(0));
        assertThat(model.noticeProperty().get()).as("the verdict stays on screen").startsWith("Sent: APPROVED · " + first);
        clock.advance(Duration.ofMillis(400));
        pulse();
        model.approve();

        assertThat(sent).hasSize(1);
        assertThat(shown()).as("the answered one is still shown, with its verdict").isEqualTo(first);

        // Held down: presses keep coming while the next one arrives and arms; none lands before it could be read.
        for (int ms = 400; ms < SignOffViewModel.HOLD.toMillis() + SignOffViewModel.ARMING.toMillis(); ms += 50) {
            clock.advance(Duration.ofMillis(50));
            pulse();
            if (!model.armedProperty().get()) {
                model.approve();
            }
        }
        assertThat(sent).hasSize(1);
        assertThat(shown()).isNotEqualTo(first);
        assertThat(model.armedProperty().get()).isTrue();
    }

    @Test
    void theWaitingAreListedBySeverityThenDeadline_andTheMostUrgentTakesThePanel() {
        model.requested(request("INC-001", "sev2", 500), 100);
        model.requested(request("INC-002", "sev3", 300), 100);
        model.requested(request("INC-003", "sev1", 900), 100);
        model.requested(request("INC-004", "sev1", 600), 100);
        pulse();

        assertThat(model.waiting()).extracting(Waiting::ticketId)
                .containsExactly("INC-004", "INC-003", "INC-001", "INC-002");
        assertThat(shown()).as("the SEV1 due first, though it came last").isEqualTo("INC-004");
        assertThat(model.othersProperty().get()).isEqualTo("3 more waiting (1 SEV1)");
    }

    @Test
    void selectingATicketThatWaits_bringsItsRequestToThePanel_andTheAnswerGoesToIt() {
        model.requested(request("INC-001", "sev2", 1e12), 100);
        pulse();
        readLongEnough();
        model.requested(request("INC-002", "sev1", 1e12), 101);
        pulse();
        assertThat(shown()).as("an open request is not taken away by a newer one").isEqualTo("INC-001");

        model.select("INC-002");
        assertThat(shown()).isEqualTo("INC-002");
        model.defer();
        assertThat(sent).as("the selected request must be read first too").isEmpty();
        readLongEnough();
        model.defer();

        assertThat(sent).containsExactly(new Sent("INC-002.remediation", Outcome.DEFERRED, ""));
        model.select("INC-999");
        assertThat(shown()).as("a ticket with no sign-off leaves the panel as it is").isEqualTo("INC-002");
    }

    @ParameterizedTest
    @EnumSource(Outcome.class)
    void eachVerdict_looksLikeWhatItDid_andOnlyAnApprovalSaysTheStepRuns(Outcome outcome) {
        model.requested(request("INC-001", "sev2", 1e12), 100);
        pulse();
        String by = outcome == Outcome.EXPIRED ? "deadline" : SignOffViewModel.BY;
        model.resolved(new SignOffResolved("INC-001.remediation", null, outcome, by));

        assertThat(model.noticeLookProperty().get()).isEqualTo(outcome.name().toLowerCase());
        assertThat(model.noticeProperty().get()).contains(outcome.name()).doesNotContain("✓").doesNotContain("⌛");
        if (outcome == Outcome.APPROVED) {
            assertThat(model.noticeProperty().get()).contains("will run");
        } else {
            assertThat(model.noticeProperty().get()).doesNotContain("will run.");
        }
    }

    @Test
    void aFailedAnswer_reEnablesTheButtons_andSaysWhatFailed() {
        answering = (c, v, n, b) -> {
            throw new IllegalStateException("store is read-only");
        };
        model.requested(request("INC-001", "sev2", 1e12), 100);
        pulse();
        readLongEnough();

        model.approve();

        assertThat(model.busyProperty().get()).isFalse();
        assertThat(model.openProperty().get()).as("still waiting for an answer").isTrue();
        assertThat(model.noticeLookProperty().get()).isEqualTo("error");
        assertThat(model.noticeProperty().get()).contains("Answering the sign-off of INC-001 failed: store is read-only");

        answering = (c, v, n, b) -> {
            sent.add(new Sent(c, v, n));
            return Answer.taken();
        };
        model.approve();
        assertThat(sent).as("the operator can answer again").hasSize(1);
    }

    @Test
    void aRefusedAnswer_isSaid_andTheButtonsWorkAgain() {
        answering = (c, v, n, b) -> Answer.refused("no pending sign-off on channel INC-001.remediation");
        model.requested(request("INC-001", "sev2", 1e12), 100);
        pulse();
        readLongEnough();
        model.reject();
        assertThat(model.busyProperty().get()).isFalse();
        assertThat(model.noticeProperty().get()).startsWith("Not sent: no pending sign-off");
    }

    @Test
    void aRequestAnsweredElsewhereBeforeItWasShown_neverTakesThePanel() {
        model.requested(request("INC-001", "sev2", 1e12), 100);
        model.resolved(new SignOffResolved("INC-001.remediation", "approve", Outcome.APPROVED, "bridge"));
        pulse();
        assertThat(model.openProperty().get()).isFalse();
        assertThat(model.visibleProperty().get()).isFalse();
        assertThat(model.requestProperty().get()).isNull();
    }

    @Test
    void drawnByAView_theButtonsArmOnlyOnceTheRequestHasBeenOnScreenForTheArmingTime() {
        model.drawnByAView();
        SignOffRequested r = request("INC-001", "sev2", 1e12);
        model.requested(r, 100);
        pulse();
        clock.advance(SignOffViewModel.ARMING.multipliedBy(3));
        assertThat(model.armedProperty().get()).as("set, but never drawn (a busy window)").isFalse();

        model.drawn(model.requestProperty().get());
        clock.advance(SignOffViewModel.ARMING.minusMillis(1));
        assertThat(model.armedProperty().get()).isFalse();
        model.drawn(model.requestProperty().get()); // a later pulse: the arming does not start again
        clock.advance(Duration.ofMillis(1));
        assertThat(model.armedProperty().get()).isTrue();
    }

    @Test
    void aSev1ArrivingWhileASev2IsOnThePanel_isNamed_andTakesThePanelOnlyWhenTheOperatorAsks() {
        model.requested(request("INC-001", "sev2", 1e12), 100);
        pulse();
        readLongEnough();
        assertThat(model.urgentProperty().get()).isEmpty();

        model.requested(request("INC-002", "sev1", 1e12), 101);
        pulse();

        assertThat(shown()).as("the request being read stays").isEqualTo("INC-001");
        assertThat(model.armedProperty().get()).as("and stays armed").isTrue();
        assertThat(model.urgentProperty().get()).isEqualTo("SEV1 waiting: INC-002 — show it");

        model.showUrgent();
        assertThat(shown()).isEqualTo("INC-002");
        assertThat(model.armedProperty().get()).as("a request just shown is read first").isFalse();
        assertThat(model.urgentProperty().get()).as("a SEV1 on the panel").isEmpty();
        assertThat(model.othersProperty().get()).isEqualTo("1 more waiting");
    }
}
