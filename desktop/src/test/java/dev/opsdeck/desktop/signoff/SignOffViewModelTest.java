package dev.opsdeck.desktop.signoff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.desktop.fx.Pacer;
import dev.opsdeck.engine.event.EngineEvent.SignOffRequested;
import dev.opsdeck.engine.event.EngineEvent.SignOffResolved;
import dev.opsdeck.engine.event.Outcome;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The panel's turn-taking, paced by hand: no FX toolkit, no engine (nothing here answers). */
class SignOffViewModelTest {

    private boolean due;
    private Runnable publish;
    private final Pacer byHand = p -> {
        publish = p;
        return () -> due = true;
    };
    private final SignOffViewModel model = new SignOffViewModel(null, null, id -> Optional.empty(), byHand);

    private static SignOffRequested request(String ticket) {
        return new SignOffRequested(ticket + ".remediation", ticket, List.of("infra", "human"), "rca", List.of("step"),
                "approve?", 1e12);
    }

    private void pulse() {
        if (due) {
            due = false;
            publish.run();
        }
    }

    @Test
    void aRequestTakesThePanelAtThePacedPublish_andTheNextWaitsUntilTheShownOneIsAnswered() {
        model.requested(request("INC-001"), 100);
        assertThat(model.openProperty().get()).as("not before the publish").isFalse();
        pulse();
        assertThat(model.requestProperty().get().ticketId()).isEqualTo("INC-001");
        assertThat(model.openProperty().get()).isTrue();

        model.requested(request("INC-002"), 101);
        pulse();
        assertThat(model.requestProperty().get().ticketId()).as("the shown one stays").isEqualTo("INC-001");
        assertThat(model.queuedProperty().get()).isEqualTo(1);

        model.resolved(new SignOffResolved("INC-001.remediation", "Human sign-off: APPROVED.", Outcome.APPROVED,
                "bridge"));
        assertThat(model.openProperty().get()).as("answered elsewhere: closed at once").isFalse();
        assertThat(model.noticeProperty().get()).isEqualTo("Answered elsewhere by bridge — APPROVED.");
        assertThat(model.requestProperty().get().ticketId()).as("nothing new shown between publishes")
                .isEqualTo("INC-001");

        pulse();
        assertThat(model.requestProperty().get().ticketId()).isEqualTo("INC-002");
        assertThat(model.openProperty().get()).isTrue();
        assertThat(model.noticeProperty().get()).isEmpty();
        assertThat(model.queuedProperty().get()).isZero();
    }

    @Test
    void aRequestAnsweredBeforeItWasShown_neverTakesThePanel() {
        model.requested(request("INC-001"), 100);
        model.resolved(new SignOffResolved("INC-001.remediation", "Human sign-off: APPROVED.", Outcome.APPROVED,
                "bridge"));
        pulse();
        assertThat(model.openProperty().get()).isFalse();
        assertThat(model.visibleProperty().get()).isFalse();
        assertThat(model.requestProperty().get()).isNull();
    }
}
