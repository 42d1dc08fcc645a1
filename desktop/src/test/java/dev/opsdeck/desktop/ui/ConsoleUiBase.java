package dev.opsdeck.desktop.ui;

import dev.opsdeck.engine.agent.Agent;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.api.FxToolkit;

/**
 * A UI test of one console on a fresh engine whose flows are held at {@code gated} (see {@link ConsoleFixture}):
 * shown on the test's stage before each test, closed after it.
 */
@ExtendWith(ApplicationExtension.class)
abstract class ConsoleUiBase {

    private final Agent gated;
    protected ConsoleFixture console;
    protected Stage stage;

    protected ConsoleUiBase(Agent gated) {
        this.gated = gated;
    }

    // A @BeforeEach, not TestFX's @Start: the extension looks for @Start on the test's own class only.
    @BeforeEach
    void start() throws java.util.concurrent.TimeoutException {
        stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(s -> {
            console = new ConsoleFixture(gated, c -> c);
            console.show(s);
        });
    }

    @AfterEach
    void stop() throws InterruptedException {
        console.close();
    }
}
