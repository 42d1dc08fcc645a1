package dev.opsdeck.desktop.ui;

import static dev.opsdeck.desktop.ui.ConsoleFixture.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.desktop.app.Console;
import dev.opsdeck.desktop.app.ConsoleWindow;
import dev.opsdeck.desktop.app.Opening;
import dev.opsdeck.desktop.bridge.UnavailableBridge;
import dev.opsdeck.desktop.tickets.TicketRow;
import dev.opsdeck.engine.EngineConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The console's window opens before its engine has started: it says so, holds nothing that acts on an engine, and
 * becomes the console once the engine is there; or says why the engine did not start.
 */
@ExtendWith(ApplicationExtension.class)
class OpeningUiTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream terminal = new ByteArrayOutputStream();
    private final AtomicInteger closed = new AtomicInteger();
    private Stage window;
    private Opening opening;

    @Start
    void start(Stage primary) {
        // The window under test is a stage of its own: it moves and sizes itself as the console's does.
    }

    @AfterEach
    void closeTheWindow() throws InterruptedException {
        if (window != null && fx(window::isShowing)) {
            fx(() -> {
                window.hide();
                return null;
            });
        }
    }

    private void open(Supplier<EngineConfig> config) {
        opening = Console.starting(config, dir, engine -> new UnavailableBridge(), Map.of(),
                new PrintStream(terminal, true, StandardCharsets.UTF_8));
        fx(() -> {
            window = new Stage();
            ConsoleWindow.open(window, opening, closed::incrementAndGet);
            return null;
        });
    }

    @Test
    void theWindowSaysTheEngineIsStarting_untilItHas_thenIsTheConsole_andItsButtonsReachTheEngine(FxRobot robot)
            throws Exception {
        CountDownLatch configured = new CountDownLatch(1);
        open(() -> {
            // The engine's configuration (a world file read, a model client made) takes as long as the test says.
            try {
                if (!configured.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never let the engine start");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return EngineConfig.defaults(dir);
        });

        ConsoleFixture.waitUntil("the window shows", window::isShowing);
        assertThat(fx(window::getTitle)).isEqualTo("OpsDeck — starting the engine…");
        assertThat(fx(() -> ((Text) window.getScene().lookup("#starting-what")).getText()))
                .isEqualTo("Starting the engine…");
        assertThat(fx(() -> window.getScene().getRoot().lookupAll(".button")))
                .as("nothing to press while there is no engine to act on").isEmpty();
        assertThat(fx(() -> window.getScene().lookup("#inject-web_5xx"))).isNull();

        configured.countDown();

        ConsoleFixture.waitUntil("the console is in the window", () -> window.getScene().lookup("#inject-web_5xx") != null);
        assertThat(fx(window::getTitle)).isEqualTo("OpsDeck");
        Node inject = fx(() -> window.getScene().lookup("#inject-web_5xx"));
        assertThat(fx(inject::isDisabled)).isFalse();
        robot.clickOn(inject);
        ConsoleFixture.waitUntil("the injected incident's ticket is in the table",
                () -> ((javafx.scene.control.TableView<?>) window.getScene().lookup("#tickets-table")).getItems()
                        .stream().anyMatch(row -> ((TicketRow) row).ticket().issue().equals("web_5xx")));
        assertThat(terminal.toString(StandardCharsets.UTF_8)).isEmpty();

        fx(() -> {
            window.hide();
            return null;
        });
        assertThat(opening.afterWindow(30)).as("exit code").isZero();
        assertThat(closed.get()).isEqualTo(1);
    }

    @Test
    void anEngineThatDoesNotStart_isSaidInTheWindowAndOnTheTerminal_andTheWindowClosesWithExit2(FxRobot robot)
            throws Exception {
        Files.writeString(dir.resolve("opsdeck.db"), "this is not a database, just some text that is long enough");
        open(() -> EngineConfig.defaults(dir));

        ConsoleFixture.waitUntil("the window says the engine did not start",
                () -> window.getScene().lookup("#starting-close") != null);
        String said = fx(() -> ((Text) window.getScene().lookup("#starting-what")).getText());
        assertThat(said).startsWith("The engine did not start: ").contains("opsdeck.db")
                .contains("not an OpsDeck data file or it is corrupt");
        assertThat(fx(window::getTitle)).isEqualTo("OpsDeck — the engine did not start");
        assertThat(terminal.toString(StandardCharsets.UTF_8).lines().toList())
                .containsExactly("opsdeck: " + said.substring("The engine did not start: ".length()));
        assertThat(fx(() -> window.getScene().lookup("#inject-web_5xx"))).isNull();

        robot.clickOn((Button) fx(() -> window.getScene().lookup("#starting-close")));
        ConsoleFixture.waitUntil("the window closed", () -> !window.isShowing());
        assertThat(closed.get()).isEqualTo(1);
        assertThat(opening.afterWindow(30)).as("exit code").isEqualTo(2);
    }
}
