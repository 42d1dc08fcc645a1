package dev.opsdeck.desktop.ui;

import dev.opsdeck.desktop.GatedReasoner;
import dev.opsdeck.desktop.app.ConsoleShell;
import dev.opsdeck.desktop.bridge.UnavailableBridge;
import dev.opsdeck.desktop.tickets.TicketRow;
import dev.opsdeck.engine.Engine;
import dev.opsdeck.engine.EngineConfig;
import dev.opsdeck.engine.agent.Agent;
import dev.opsdeck.engine.world.WorldLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

/** One console on a fresh engine in its own temp data dir, with a gate on one agent's turns. */
final class ConsoleFixture {

    private Stage stage;
    private double shownWidth;
    private double shownHeight;

    static final long WAIT_S = 20;

    final Path dataDir;
    final GatedReasoner gate;
    final Engine engine;
    final ConsoleShell shell;

    ConsoleFixture(Agent gated, UnaryOperator<EngineConfig> tweak) {
        this(gated, tweak, Duration.ZERO);
    }

    /** @param pace think time per turn, so timings (time to RCA, speed-up) look like a real run's */
    ConsoleFixture(Agent gated, UnaryOperator<EngineConfig> tweak, Duration pace) {
        try {
            dataDir = Files.createTempDirectory("opsdeck-ui-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        gate = new GatedReasoner(WorldLoader.bundled(), gated);
        engine = Engine.start(tweak.apply(EngineConfig.defaults(dataDir)
                .withReasoner(new dev.opsdeck.engine.reasoning.offline.PacedReasoner(gate, pace))
                .withDebounce(Duration.ofMillis(1))));
        shell = new ConsoleShell(new dev.opsdeck.desktop.port.InProcess(engine), dataDir, new UnavailableBridge(), Map.of());
    }

    void show(Stage stage) {
        stage.setScene(shell.createScene(1560, 960));
        stage.show();
        this.stage = stage;
        this.shownWidth = stage.getWidth();
        this.shownHeight = stage.getHeight();
    }

    void close() throws InterruptedException {
        gate.open();
        WaitForAsyncUtils.asyncFx(shell::close);
        shell.awaitClosed(15);
        if (stage != null) {
            // The stage is shared with the test classes that run after this one: give it back at the size it had.
            WaitForAsyncUtils.asyncFx(() -> {
                stage.setWidth(shownWidth);
                stage.setHeight(shownHeight);
            });
            WaitForAsyncUtils.waitForFxEvents();
        }
    }

    /** Reads UI state on the FX thread. */
    static <T> T fx(Callable<T> read) {
        try {
            if (javafx.application.Platform.isFxApplicationThread()) {
                return read.call();
            }
            return WaitForAsyncUtils.asyncFx(read).get(WAIT_S, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("reading the UI failed", e);
        }
    }

    static void waitUntil(String what, Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(WAIT_S, TimeUnit.SECONDS, () -> fx(condition));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting until " + what, e);
        }
    }

    /** Waits for a condition read on the FX thread; a timeout says what the console looked like. */
    void until(String what, Callable<Boolean> condition) {
        try {
            waitUntil(what, condition);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + " — " + state(), e);
        }
    }

    /** What the console looked like, for a failure message. */
    String state() {
        return fx(() -> "cooling=" + shell.console().monitoring().cooling() + " hopTurns=" + shell.hop().turns()
                + " applied=" + shell.hop().applied() + " message=" + shell.console().monitoring().messageProperty().get()
                + " tickets=" + shell.console().tickets().rows().stream().map(r -> r.id() + ":" + r.status()).toList());
    }

    Optional<TicketRow> row(String id) {
        return fx(() -> shell.console().tickets().row(id));
    }

    String newestTicketId() {
        return fx(() -> {
            var rows = shell.console().tickets().rows();
            return rows.isEmpty() ? null : rows.get(rows.size() - 1).id();
        });
    }

    /** The workflow card showing a channel now, if one does. */
    Optional<Node> card(org.testfx.api.FxRobot robot, String channelId) {
        return fx(() -> robot.lookup(".wf-card").queryAll().stream()
                .filter(n -> channelId.equals(n.getUserData()) && shown(n)).findFirst());
    }

    /** Visible with every ancestor: a list keeps spare cells, hidden, that still hold what they last showed. */
    private static boolean shown(Node n) {
        for (Node at = n; at != null; at = at.getParent()) {
            if (!at.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /** A chip's state is a pseudo-class on it (see {@code Looks}). */
    static boolean inState(Node n, dev.opsdeck.desktop.workflow.ChipState state) {
        return n != null && n.getPseudoClassStates().contains(state.look());
    }
}
