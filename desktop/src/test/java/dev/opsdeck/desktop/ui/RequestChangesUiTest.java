package dev.opsdeck.desktop.ui;

import static dev.opsdeck.desktop.ui.ConsoleFixture.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.desktop.port.InProcess;
import dev.opsdeck.engine.Injection;
import dev.opsdeck.engine.agent.Agent;
import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.event.Outcome;
import dev.opsdeck.engine.ticket.ActionRecord;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The request-changes path as the operator walks it, keyboard only after one click: "Request changes…", the feedback
 * typed and sent with Enter; the proposal comes back without what the feedback named, on the same panel, for a
 * sign-off of its own; and the override form lists what fits.
 */
@ExtendWith(ApplicationExtension.class)
class RequestChangesUiTest {

    private ConsoleFixture console;
    private final List<EngineEvent> seen = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) {
        console = new ConsoleFixture(Agent.REM_TRIAGE, c -> c);
        console.engine.subscribe("test", batch -> batch.forEach(p -> seen.add(p.event())));
        console.show(stage);
    }

    @AfterEach
    void stop() throws InterruptedException {
        console.close();
    }

    @Test
    void feedbackTypedOnThePanel_sendsTheProposalBack_andTheNewOneWithoutTheNamedHostIsShownForSignOff(FxRobot robot) {
        console.gate.open();
        String id = console.engine.inject(Injection.of("web_5xx")).ticketId();
        console.until("the request is armed", () -> fx(() -> robot.lookup("#signoff-ticket").queryAs(Label.class)
                .getText().startsWith(id)) && !robot.lookup("#signoff-changes").queryAs(Button.class).isDisabled());
        assertThat(fx(() -> robot.lookup("#signoff-runbook-actions").queryAs(Label.class).getText()))
                .contains("sim_restart_orders_svc");

        robot.clickOn("#signoff-changes");
        console.until("the feedback field has the keyboard", () -> robot.lookup("#signoff-feedback")
                .queryAs(TextField.class).isFocused());
        robot.write("not api-gateway-02: it is in maintenance");
        robot.type(KeyCode.ENTER);

        console.until("the proposal was sent back", () -> seen.stream().anyMatch(e -> e instanceof
                EngineEvent.SignOffResolved r && r.outcome() == Outcome.CHANGES_REQUESTED));
        EngineEvent.SignOffResolved back = seen.stream().filter(EngineEvent.SignOffResolved.class::isInstance)
                .map(EngineEvent.SignOffResolved.class::cast).findFirst().orElseThrow();
        assertThat(back.by()).isEqualTo(InProcess.USER);
        assertThat(back.channelId()).isEqualTo(id + ".remediation");

        console.until("the new round takes the panel", () -> fx(() -> robot.lookup("#signoff-panel").query()
                .isVisible()) && seen.stream().anyMatch(e -> e instanceof EngineEvent.SignOffRequested r
                && r.channelId().equals(id + ".remediation-r2")) && fx(() -> robot.lookup("#signoff-runbook-actions")
                .queryAs(Label.class).getText().contains("sim_raise_proxy_timeout")
                && !robot.lookup("#signoff-runbook-actions").queryAs(Label.class).getText()
                .contains("sim_restart_orders_svc")));
        EngineEvent.SignOffRequested second = seen.stream().filter(e -> e instanceof EngineEvent.SignOffRequested r
                && r.channelId().endsWith("-r2")).map(EngineEvent.SignOffRequested.class::cast).findFirst()
                .orElseThrow();
        assertThat(second.actions()).extracting(ActionRecord::id).containsExactly("sim_raise_proxy_timeout");
        assertThat(fx(() -> robot.lookup("#signoff-approve").queryAs(Button.class).isDisabled()))
                .as("the new proposal is read before it can be approved").isTrue();

        console.until("the new request is armed", () -> !robot.lookup("#signoff-override").queryAs(Button.class)
                .isDisabled());
        robot.clickOn("#signoff-override");
        console.until("the override form lists what fits", () -> fx(() -> robot.lookup("#signoff-override-choice")
                .queryAs(javafx.scene.control.ComboBox.class).getItems().size() == 2));
        robot.type(KeyCode.ESCAPE);
        console.until("Escape closes the form", () -> !fx(() -> robot.lookup("#signoff-override-choice").query()
                .getParent().isVisible()));
        assertThat(fx(() -> console.engine.ticket(id).orElseThrow().needsHuman())).as("nothing answered it").isTrue();
    }
}
