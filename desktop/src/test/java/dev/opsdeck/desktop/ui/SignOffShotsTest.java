package dev.opsdeck.desktop.ui;

import static dev.opsdeck.desktop.ui.ConsoleFixture.fx;

import dev.opsdeck.engine.Injection;
import dev.opsdeck.engine.agent.Agent;
import dev.opsdeck.engine.ticket.Status;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Not a test: screenshots of the sign-off with three requests waiting, at a laptop's and a desktop's size, then the
 * verdict a rejection leaves. Run with the screenshots profile under Xvfb.
 */
@Tag("screenshots")
class SignOffShotsTest extends ConsoleUiBase {

    SignOffShotsTest() {
        super(Agent.REM_TRIAGE);
    }


    private void shot(String name, double width, double height) {
        fx(() -> {
            stage.setWidth(width);
            stage.setHeight(height);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents(10);
        Path file = fx(() -> Screenshots.write(stage.getScene(), name));
        System.out.println("screenshot: " + file.toAbsolutePath());
    }

    @Test
    void threeWaiting(FxRobot robot) {
        List<String> ids = List.of("web_5xx", "storage_disk_offline", "net_unreachable").stream()
                .map(k -> console.engine.inject(Injection.of(k)).ticketId()).toList();
        console.until("all wait at RemTriage", () -> ids.stream().allMatch(id -> console.row(id)
                .map(r -> r.status() == Status.REMEDIATING).orElse(false)));
        console.gate.open();
        console.until("three are listed", () -> robot.lookup("#signoff-queue").queryAs(ListView.class)
                .getItems().size() == 3);
        shot("signoff-1-arming-1440x900", 1440, 900);
        console.until("the buttons arm", () -> !robot.lookup("#signoff-approve").queryAs(Button.class).isDisabled());
        shot("signoff-2-armed-1440x900", 1440, 900);
        shot("signoff-3-armed-1920x1080", 1920, 1080);
        shot("signoff-3b-armed-1440x900", 1440, 900);
        robot.clickOn("#signoff-reject");
        console.until("the verdict shows", () -> robot.lookup("#signoff-notice").query().isVisible());
        shot("signoff-4-rejected-1440x900", 1440, 900);
    }
}
