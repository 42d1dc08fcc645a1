package dev.opsdeck.desktop.ui;

import static dev.opsdeck.desktop.ui.ConsoleFixture.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.desktop.signoff.Waiting;
import dev.opsdeck.engine.Injection;
import dev.opsdeck.engine.agent.Agent;
import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.ticket.Status;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Two sign-offs waiting: the SEV1 is shown first, and Approve pressed twice quickly approves exactly one. */
@ExtendWith(ApplicationExtension.class)
class SignOffQueueUiTest {

    private ConsoleFixture console;
    private final List<EngineEvent.SignOffResolved> resolved = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) {
        console = new ConsoleFixture(Agent.REM_TRIAGE, c -> c);
        console.engine.subscribe("test", batch -> batch.forEach(p -> {
            if (p.event() instanceof EngineEvent.SignOffResolved r) {
                resolved.add(r);
            }
        }));
        console.show(stage);
    }

    @AfterEach
    void stop() throws InterruptedException {
        console.close();
    }

    @Test
    void theSev1IsShownFirst_andApprovePressedTwiceQuickly_approvesExactlyOne(FxRobot robot) {
        // RemTriage waits at the gate, so both requests are asked in the same moment once it opens.
        String sev2 = console.engine.inject(Injection.of("web_5xx")).ticketId();
        String sev1 = console.engine.inject(Injection.of("storage_disk_offline")).ticketId();
        console.until("both wait at RemTriage", () -> console.row(sev1).map(r -> r.status() == Status.REMEDIATING)
                .orElse(false) && console.row(sev2).map(r -> r.status() == Status.REMEDIATING).orElse(false));
        console.gate.open();
        console.until("both sign-offs are listed", () -> robot.lookup("#signoff-queue")
                .queryAs(ListView.class).getItems().size() == 2);

        assertThat(fx(() -> robot.lookup("#signoff-queue").queryAs(ListView.class).getItems().stream()
                .map(w -> ((Waiting) w).ticketId()).toList())).containsExactly(sev1, sev2);
        console.until("a request takes the panel", () -> !robot.lookup("#signoff-ticket").queryAs(Label.class)
                .getText().isEmpty());
        if (fx(() -> robot.lookup("#signoff-ticket").queryAs(Label.class).getText().startsWith(sev2))) {
            // The two came a pulse apart and the SEV2 took the free panel first: the SEV1 is then named in the
            // header, and takes the panel when the operator asks (it is never swapped in under the cursor).
            console.until("the SEV1 is named", () -> robot.lookup("#signoff-urgent").queryAs(Button.class).isVisible());
            robot.clickOn("#signoff-urgent");
        }
        console.until("the SEV1 takes the panel", () -> robot.lookup("#signoff-ticket").queryAs(Label.class)
                .getText().startsWith(sev1));
        assertThat(fx(() -> robot.lookup("#signoff-others").queryAs(Label.class).getText())).isEqualTo("1 more waiting");
        console.until("the buttons arm", () -> !robot.lookup("#signoff-approve").queryAs(Button.class).isDisabled());

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.A).release(KeyCode.A);
        robot.press(KeyCode.A).release(KeyCode.A, KeyCode.SHIFT, KeyCode.CONTROL);

        console.until("the SEV1 is answered", () -> !resolved.isEmpty());
        console.until("the SEV2 takes the panel after the verdict was shown", () -> robot.lookup("#signoff-ticket")
                .queryAs(Label.class).getText().startsWith(sev2));
        assertThat(resolved).singleElement().satisfies(r -> {
            assertThat(r.channelId()).isEqualTo(sev1 + ".remediation");
            assertThat(r.outcome().name()).isEqualTo("APPROVED");
        });
        assertThat(fx(() -> console.engine.ticket(sev2).orElseThrow().needsHuman())).as("nobody read it").isTrue();
        assertThat(fx(() -> robot.lookup("#signoff-approve").queryAs(Button.class).isDisabled()))
                .as("not armed the moment it shows").isTrue();
    }

    @Test
    void aSev1ArrivingWhileASev2IsBeingRead_isNamedInTheHeader_withoutMovingThePanel_andShownWhenAsked(FxRobot robot) {
        console.gate.open();
        // Every pulse while the first request is unarmed: whether the arming bar was drawn, and how full.
        List<Double> drawnFilling = new CopyOnWriteArrayList<>();
        robot.interact(() -> robot.lookup("#signoff-panel").query().getScene().addPostLayoutPulseListener(() -> {
            javafx.scene.Node bar = robot.lookup("#signoff-arming").query();
            Button approve = robot.lookup("#signoff-approve").queryAs(Button.class);
            if (bar.isVisible() && bar.getParent().isVisible() && approve.isDisabled()
                    && robot.lookup("#signoff-panel").query().isVisible()) {
                drawnFilling.add(((javafx.scene.control.ProgressBar) bar).getProgress());
            }
        }));
        String sev2 = console.engine.inject(Injection.of("web_5xx")).ticketId();
        console.until("the SEV2 takes the panel", () -> robot.lookup("#signoff-ticket").queryAs(Label.class)
                .getText().startsWith(sev2));
        console.until("the buttons arm", () -> !robot.lookup("#signoff-approve").queryAs(Button.class).isDisabled());
        assertThat(drawnFilling).as("the arming bar was drawn filling before the buttons armed")
                .anySatisfy(p -> assertThat(p).isBetween(0.05, 0.95));
        javafx.geometry.Bounds approveAt = fx(() -> robot.lookup("#signoff-approve").query()
                .localToScene(robot.lookup("#signoff-approve").query().getBoundsInLocal()));
        javafx.geometry.Bounds titleAt = fx(() -> robot.lookup("#signoff-ticket").query()
                .localToScene(robot.lookup("#signoff-ticket").query().getBoundsInLocal()));

        String sev1 = console.engine.inject(Injection.of("storage_disk_offline")).ticketId();
        console.until("the SEV1 is named in the header", () -> robot.lookup("#signoff-urgent").queryAs(Button.class)
                .isVisible());
        assertThat(fx(() -> robot.lookup("#signoff-urgent").queryAs(Button.class).getText()))
                .isEqualTo("SEV1 waiting: " + sev1 + " — show it");
        assertThat(fx(() -> robot.lookup("#signoff-ticket").queryAs(Label.class).getText())).startsWith(sev2);
        assertThat(fx(() -> robot.lookup("#signoff-approve").queryAs(Button.class).isDisabled()))
                .as("the request being read stays armed").isFalse();
        javafx.scene.Node approve = robot.lookup("#signoff-approve").query();
        javafx.scene.Node title = robot.lookup("#signoff-ticket").query();
        assertThat(fx(() -> approve.localToScene(approve.getBoundsInLocal()))).as("Approve did not move")
                .isEqualTo(approveAt);
        assertThat(fx(() -> title.localToScene(title.getBoundsInLocal()))).as("the title did not move")
                .isEqualTo(titleAt);

        robot.clickOn("#signoff-urgent");
        console.until("the SEV1 takes the panel, asked for", () -> robot.lookup("#signoff-ticket")
                .queryAs(Label.class).getText().startsWith(sev1));
        assertThat(fx(() -> robot.lookup("#signoff-approve").queryAs(Button.class).isDisabled()))
                .as("read before it can be answered").isTrue();
        assertThat(fx(() -> robot.lookup("#legend-remediation").queryAs(Label.class).getText()))
                .as("the chips' tags are named").startsWith("RB RemBot · ");
    }
}
