package dev.opsdeck.desktop.ui;

import static dev.opsdeck.desktop.ui.ConsoleFixture.fx;

import dev.opsdeck.desktop.app.Theme;
import dev.opsdeck.desktop.settings.Settings;
import dev.opsdeck.engine.Injection;
import dev.opsdeck.engine.agent.Agent;
import java.nio.file.Path;
import javafx.scene.control.TabPane;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Not a test: the console with a diagnosis running and a sign-off open, at a small laptop's, a laptop's and a
 * desktop's size, in both themes. Run with the screenshots profile under Xvfb.
 */
@Tag("screenshots")
class LayoutShotsTest extends ConsoleUiBase {

    LayoutShotsTest() {
        super(Agent.WEB);
    }


    @Test
    void sizesAndThemes(FxRobot robot) {
        console.engine.inject(Injection.of("storage_disk_offline"));
        console.until("the sign-off panel asks", () -> robot.lookup("#signoff-actions").query().isVisible());
        console.engine.inject(Injection.of("web_5xx"));
        console.until("a diagnosis card is open", () -> console.shell.console().workflows()
                .openProperty(dev.opsdeck.engine.workflow.Stage.DIAGNOSIS).get() == 1);
        for (Settings.Theme theme : Settings.Theme.values()) {
            robot.interact(() -> stage.getScene().getStylesheets().setAll(Theme.stylesheets(theme)));
            for (int[] size : new int[][] {{1366, 768}, {1440, 900}, {1920, 1080}}) {
                for (int tab = 0; tab < 2; tab++) {
                    int t = tab;
                    robot.interact(() -> {
                        stage.setWidth(size[0]);
                        stage.setHeight(size[1]);
                        ((TabPane) robot.lookup("#workflow-tabs").query()).getSelectionModel().select(t);
                    });
                    WaitForAsyncUtils.waitForFxEvents(10);
                    String name = String.format("layout-%s-%dx%d-%s", theme.name().toLowerCase(), size[0], size[1],
                            t == 0 ? "diagnosis" : "remediation");
                    Path file = fx(() -> Screenshots.write(stage.getScene(), name));
                    System.out.println("screenshot: " + file.toAbsolutePath());
                }
            }
        }
    }
}
