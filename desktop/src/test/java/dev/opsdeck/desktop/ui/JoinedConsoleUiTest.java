package dev.opsdeck.desktop.ui;

import static dev.opsdeck.desktop.ui.ConsoleFixture.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.bridge.Bridge;
import dev.opsdeck.bridge.BridgeConfig;
import dev.opsdeck.desktop.app.ConsoleShell;
import dev.opsdeck.desktop.bridge.UnavailableBridge;
import dev.opsdeck.desktop.port.Remote;
import dev.opsdeck.engine.Engine;
import dev.opsdeck.engine.EngineConfig;
import dev.opsdeck.engine.ticket.Status;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The console in --connect mode, driven through its UI, on a real server in this JVM reached over the wire. */
@ExtendWith(ApplicationExtension.class)
class JoinedConsoleUiTest {

    private Engine engine;
    private Bridge bridge;
    private ConsoleShell shell;

    @Start
    void start(Stage stage) throws Exception {
        Path dir = Files.createTempDirectory("opsdeck-joined-");
        engine = Engine.start(EngineConfig.defaults(dir.resolve("server")).withDebounce(Duration.ofMillis(1)));
        bridge = Bridge.start(engine, BridgeConfig.defaults().withPort(0));
        shell = new ConsoleShell(Remote.connect(URI.create(bridge.url()), null), dir.resolve("console"),
                new UnavailableBridge("joined"), Map.of());
        stage.setScene(shell.createScene(1440, 900));
        stage.show();
    }

    @AfterEach
    void stop() throws InterruptedException {
        WaitForAsyncUtils.asyncFx(shell::close);
        shell.awaitClosed(15);
        bridge.close();
        engine.close();
    }

    @Test
    void injectingAndApprovingFromAJoinedConsole_resolvesTheTicketOnTheServer(FxRobot robot) {
        assertThat(fx(() -> robot.lookup("#reasoning-badge").queryAs(Label.class).getText()))
                .as("the server's reasoning").isEqualTo("Offline rules");
        assertThat(fx(() -> robot.lookup("#server-name").queryAs(Label.class).getText()))
                .as("the top bar names the server: its URL and where it keeps the tickets")
                .startsWith(bridge.url()).contains("opsdeck.db");
        robot.clickOn("#inject-web_5xx");
        ConsoleFixture.waitUntil("the sign-off arms", () -> robot.lookup("#signoff-approve").tryQuery()
                .map(n -> n.isVisible() && !((Button) n).isDisabled()).orElse(false));
        robot.clickOn("#signoff-approve");
        ConsoleFixture.waitUntil("the server resolves it", () -> engine.ticket("INC-007")
                .map(t -> t.status() == Status.RESOLVED).orElse(false));
        ConsoleFixture.waitUntil("the table shows it resolved", () -> shell.console().tickets().row("INC-007")
                .map(r -> r.status() == Status.RESOLVED).orElse(false));
        assertThat(fx(() -> robot.lookup("#signoff-notice").queryAs(Label.class).getText()))
                .startsWith("Sent: APPROVED · INC-007");
    }
}
