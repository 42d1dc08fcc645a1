package dev.opsdeck.desktop.ui;

import static dev.opsdeck.desktop.ui.ConsoleFixture.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.bridge.bench.ServerProcess;
import dev.opsdeck.desktop.app.ConsoleShell;
import dev.opsdeck.desktop.bridge.UnavailableBridge;
import dev.opsdeck.desktop.port.Remote;
import dev.opsdeck.engine.ticket.Status;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

/** The console in --connect mode, driven through its UI, on a real {@code opsdeck serve} in a process of its own. */
@ExtendWith(ApplicationExtension.class)
class JoinedConsoleUiTest {

    private ServerProcess server;
    private ConsoleShell shell;

    @Start
    void start(Stage stage) throws Exception {
        Path dir = Files.createTempDirectory("opsdeck-joined-");
        server = ServerProcess.start(List.of("--data-dir", dir.resolve("server").toString(), "--debounce", "0"),
                Map.of());
        shell = new ConsoleShell(Remote.connect(URI.create(server.url()), null), dir.resolve("console"),
                new UnavailableBridge("joined"), Map.of());
        stage.setScene(shell.createScene(1440, 900));
        stage.show();
    }

    @AfterEach
    void stop() throws InterruptedException {
        WaitForAsyncUtils.asyncFx(shell::close);
        shell.awaitClosed(15);
        server.close();
    }

    @Test
    void injectingAndApprovingFromAJoinedConsole_resolvesTheTicketOnTheServer(FxRobot robot) throws Exception {
        assertThat(fx(() -> robot.lookup("#reasoning-badge").queryAs(Label.class).getText()))
                .as("the server's reasoning").isEqualTo("Offline rules");
        assertThat(fx(() -> robot.lookup("#server-name").queryAs(Label.class).getText()))
                .as("the top bar names the server: its URL, where it keeps the tickets, and the user at this console")
                .startsWith(server.url()).contains("opsdeck.db").endsWith(Remote.NO_USER);
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.COMMA)
                .release(javafx.scene.input.KeyCode.COMMA, javafx.scene.input.KeyCode.CONTROL);
        ConsoleFixture.waitUntil("Settings is open", () -> robot.lookup("#settings-runs-on").tryQuery().isPresent());
        assertThat(fx(() -> robot.lookup("#settings-runs-on").queryAs(Label.class).getText()))
                .as("Settings say the console is joined, and to which server")
                .startsWith("Now joined to " + server.url() + ": the incidents run on that server");
        javafx.stage.Window settings = fx(() -> robot.lookup("#settings-runs-on").query().getScene().getWindow());
        robot.interact(() -> ((Button) ((javafx.scene.control.DialogPane) settings.getScene().getRoot())
                .lookupButton(javafx.scene.control.ButtonType.CANCEL)).fire());
        ConsoleFixture.waitUntil("Settings is closed", () -> !settings.isShowing());
        robot.clickOn("#inject-web_5xx");
        ConsoleFixture.waitUntil("the sign-off arms", () -> robot.lookup("#signoff-approve").tryQuery()
                .map(n -> n.isVisible() && !((Button) n).isDisabled()).orElse(false));
        robot.clickOn("#signoff-approve");
        ConsoleFixture.waitUntil("the table shows it resolved", () -> shell.console().tickets().row("INC-007")
                .map(r -> r.status() == Status.RESOLVED).orElse(false));
        assertThat(fx(() -> robot.lookup("#signoff-notice").queryAs(Label.class).getText()))
                .startsWith("Sent: APPROVED · INC-007");
        URI snapshot = URI.create(server.url().replace("ws://", "http://").replace("/ws", "/snapshot"));
        String onServer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(snapshot).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(onServer).as("resolved on the server").contains("\"id\":\"INC-007\"").contains("\"Resolved\"");
    }
}
