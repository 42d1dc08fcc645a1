package dev.opsdeck.desktop.ui;

import static dev.opsdeck.desktop.ui.ConsoleFixture.fx;
import static dev.opsdeck.desktop.ui.ConsoleFixture.inState;

import dev.opsdeck.desktop.workflow.ChipState;
import dev.opsdeck.desktop.tickets.TicketRow;
import dev.opsdeck.engine.agent.Agent;
import dev.opsdeck.engine.ticket.Status;
import java.nio.file.Path;
import java.time.Duration;
import javafx.concurrent.Worker;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.web.WebView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Not a test: a tour that writes screenshots of the main states to target/screenshots. Run under Xvfb with the
 * screenshots profile (see the desktop README section in the top-level README).
 */
@Tag("screenshots")
@ExtendWith(ApplicationExtension.class)
class ScreenshotTourTest {

    private ConsoleFixture console;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        console = new ConsoleFixture(Agent.WEB, c -> c, Duration.ofMillis(120));
        console.show(stage);
    }

    @AfterEach
    void stop() throws InterruptedException {
        console.close();
    }

    private void shot(String name) {
        WaitForAsyncUtils.waitForFxEvents(5);
        Path file = fx(() -> Screenshots.write(stage.getScene(), name));
        System.out.println("screenshot: " + file.toAbsolutePath());
    }

    @Test
    void tour(FxRobot robot) {
        robot.clickOn("#toggle-simulation");
        console.until("ambient logs stream", () -> console.shell.console().monitoring().logs().size() >= 3);

        robot.clickOn("#inject-web_5xx");
        console.until("a ticket opens", () -> console.newestTicketId() != null);
        String web = console.newestTicketId();
        console.until("the band waits on Web", () -> console.card(robot, web + ".diagnosis")
                .map(card -> inState(card.lookup("#chip-Web"), ChipState.ACTIVE)
                        && inState(card.lookup("#chip-RCA"), ChipState.IDLE)
                        && inState(card.lookup("#chip-Storage"), ChipState.DONE)).orElse(false));
        shot("1-console-mid-diagnosis");

        robot.clickOn("#inject-storage_io_error");
        console.until("the sign-off panel asks", () -> robot.lookup("#signoff-actions").query().isVisible());
        robot.clickOn("#signoff-note").write("Standby confirmed; go ahead after the backup check.");
        console.until("the buttons arm", () -> !robot.lookup("#signoff-approve").query().isDisabled());
        shot("2-signoff-panel");

        robot.clickOn("#signoff-approve");
        console.until("the storage ticket is resolved", () -> console.shell.console().tickets().rows().stream()
                .anyMatch(r -> r.status() == Status.RESOLVED));
        console.gate.open();
        String resolved = fx(() -> console.shell.console().tickets().rows().stream()
                .filter(r -> r.status() == Status.RESOLVED).findFirst().map(TicketRow::id).orElseThrow());
        robot.interact(() -> {
            var table = robot.lookup("#tickets-table").queryTableView();
            for (int i = 0; i < table.getItems().size(); i++) {
                if (((TicketRow) table.getItems().get(i)).id().equals(resolved)) {
                    table.getSelectionModel().select(i);
                }
            }
        });
        robot.interact(() -> ((TabPane) robot.lookup("#detail-tabs").query()).getSelectionModel().select(2));
        console.until("the report is loaded", () -> robot.lookup("#detail-report").queryAs(WebView.class).getEngine()
                .getLoadWorker().getState() == Worker.State.SUCCEEDED);
        shot("3-ticket-detail-report");

        robot.interact(() -> ((TabPane) robot.lookup("#detail-tabs").query()).getSelectionModel().select(0));
        robot.interact(() -> ((TabPane) robot.lookup("#workflow-tabs").query()).getSelectionModel().select(0));
        shot("4-ticket-summary-and-collapsed-rows");

        robot.interact(() -> stage.getScene().getStylesheets().setAll(
                dev.opsdeck.desktop.app.Theme.stylesheets(dev.opsdeck.desktop.settings.Settings.Theme.LIGHT)));
        shot("5-light-theme");
    }
}
