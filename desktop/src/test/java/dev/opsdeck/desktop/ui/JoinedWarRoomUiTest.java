package dev.opsdeck.desktop.ui;

import static dev.opsdeck.desktop.ui.ConsoleFixture.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.bridge.bench.ServerProcess;
import dev.opsdeck.bridge.people.UsersFile;
import dev.opsdeck.desktop.app.ConsoleShell;
import dev.opsdeck.desktop.bridge.UnavailableBridge;
import dev.opsdeck.desktop.port.Remote;
import dev.opsdeck.engine.event.Subscription;
import dev.opsdeck.engine.ticket.Act;
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
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The war room through a joined console: alice's console on a real {@code opsdeck serve --users}, bob on a second
 * console port. Alice sees bob arrive, takes the ticket with Ctrl+K and comments from the UI; bob's comment shows in
 * her detail; bob's late acknowledgement is refused by the server and matched to his request by its id.
 */
@ExtendWith(ApplicationExtension.class)
class JoinedWarRoomUiTest {

    private static ServerProcess server;
    private static Path dir;
    private static String aliceToken;
    private static String bobToken;
    private ConsoleShell shell;

    // Started before TestFX's set-up, whose time limit a server starting on a busy machine could pass.
    @BeforeAll
    static void serve() throws Exception {
        dir = Files.createTempDirectory("opsdeck-warroom-");
        Path users = dir.resolve("users.yaml");
        aliceToken = UsersFile.add(users, "alice");
        bobToken = UsersFile.add(users, "bob");
        server = ServerProcess.start(List.of("--data-dir", dir.resolve("server").toString(), "--debounce", "0",
                "--signoff-deadline", "10m", "--users", users.toString()), Map.of());
    }

    @AfterAll
    static void stopServing() {
        server.close();
    }

    @Start
    void start(Stage stage) {
        shell = new ConsoleShell(Remote.connect(URI.create(server.url()), aliceToken), dir.resolve("console"),
                new UnavailableBridge("joined"), Map.of());
        stage.setScene(shell.createScene(1440, 900));
        stage.show();
    }

    @AfterEach
    void stop() throws InterruptedException {
        WaitForAsyncUtils.asyncFx(shell::close);
        shell.awaitClosed(15);
    }

    private static String text(FxRobot robot, String id) {
        return fx(() -> robot.lookup(id).queryAs(Label.class).getText());
    }

    @Test
    void alice_takesAndComments_fromTheUi_seesBob_andBobsLateAckIsRefused(FxRobot robot) throws Exception {
        ConsoleFixture.waitUntil("alice alone", () -> text(robot, "#presence").equals("here: you"));
        Remote bob = Remote.connect(URI.create(server.url()), bobToken);
        Subscription reading = bob.subscribe("bob", false, tickets -> { }, batch -> { });
        try {
            ConsoleFixture.waitUntil("bob shows in alice's top bar",
                    () -> text(robot, "#presence").equals("here: you · bob"));

            robot.clickOn("#inject-web_5xx");
            ConsoleFixture.waitUntil("the ticket waits for its sign-off", () -> shell.console().tickets()
                    .row("INC-007").map(r -> r.status() == Status.REMEDIATING && r.ticket().needsHuman())
                    .orElse(false));
            robot.interact(() -> {
                TableView<?> t = robot.lookup("#tickets-table").queryAs(TableView.class);
                t.getSelectionModel().clearAndSelect(0);
                t.requestFocus();
            });
            ConsoleFixture.waitUntil("Acknowledge is offered",
                    () -> !robot.lookup("#ack-ticket").queryAs(Button.class).isDisabled());
            robot.press(KeyCode.CONTROL, KeyCode.K).release(KeyCode.K, KeyCode.CONTROL);
            ConsoleFixture.waitUntil("the detail says alice took it",
                    () -> text(robot, "#detail-acked").startsWith("acked by alice "));

            robot.clickOn("#comment-field").write("on it: <i>failing over</i>").type(KeyCode.ENTER);
            ConsoleFixture.waitUntil("alice's comment shows", () -> robot.lookup("#comment-0").tryQuery().isPresent());
            assertThat(text(robot, "#comment-0")).isEqualTo("on it: <i>failing over</i>");

            assertThat(bob.comment("INC-007", "standby is down too\nsecond line").accepted()).isTrue();
            ConsoleFixture.waitUntil("bob's comment shows", () -> robot.lookup("#comment-1").tryQuery().isPresent());
            assertThat(text(robot, "#comment-1")).isEqualTo("standby is down too\nsecond line");

            Act late = bob.acknowledge("INC-007");
            assertThat(late.accepted()).isFalse();
            assertThat(late.result()).isEqualTo(Act.Result.CONFLICT);
            assertThat(late.reason()).contains("already acknowledged by alice");
        } finally {
            reading.close();
            bob.close();
        }
        ConsoleFixture.waitUntil("bob has left alice's top bar", () -> text(robot, "#presence").equals("here: you"));

        URI snapshot = URI.create(server.url().replace("ws://", "http://").replace("/ws", "/snapshot"));
        String onServer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(snapshot)
                .header("Authorization", "Bearer " + bobToken).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(onServer).as("kept on the server").contains("\"acked\":{\"by\":\"alice\"")
                .contains("on it: <i>failing over</i>").contains("\"by\":\"bob\"");
    }
}
