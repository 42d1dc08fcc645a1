package dev.opsdeck.desktop.app;

import dev.opsdeck.desktop.window.Placement;
import dev.opsdeck.desktop.window.PlacementStore;
import dev.opsdeck.desktop.window.Restore;
import java.util.ArrayList;
import java.util.List;
import javafx.animation.PauseTransition;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's window: shown at once, where it was left, saying what is happening while the engine starts; the
 * console takes it once the engine is there (or it says why the engine did not start).
 */
public final class ConsoleWindow {

    private static final Logger log = LoggerFactory.getLogger(ConsoleWindow.class);
    /** Long enough for the starting view to be drawn before the console's scene takes the FX thread a while. */
    private static final Duration DRAWN = Duration.millis(40);

    private ConsoleWindow() {
    }

    /** Call on the FX thread; {@code closed} runs once the window has closed (the app then exits). */
    public static void open(Stage stage, Opening opening, Runnable closed) {
        StartupMarks.mark("toolkit started");
        PlacementStore placements = new PlacementStore(opening.dataDir());
        List<Rectangle2D> screens = new ArrayList<>();
        screens.add(Screen.getPrimary().getVisualBounds());
        Screen.getScreens().stream().filter(s -> s != Screen.getPrimary()).forEach(s -> screens.add(s.getVisualBounds()));
        Placement at = Placement.initial(placements.load(), screens);
        // The title says the console is not there yet; it is the console's own once its scene is in place.
        stage.setTitle("OpsDeck — " + opening.what().toLowerCase(java.util.Locale.ROOT));
        StartingView starting = new StartingView(opening.what(), stage::hide);
        stage.setScene(new Scene(starting.createView(), at.width(), at.height()));
        StartupMarks.mark("starting view made");
        Restore.onto(stage, at);
        stage.setOnCloseRequest(e -> placements.save(new Placement(stage.getX(), stage.getY(),
                stage.getWidth(), stage.getHeight(), stage.isMaximized())));
        stage.setOnHidden(e -> {
            opening.windowClosed();
            closed.run();
        });
        stage.show();
        log.info("window shown {} ms after the JVM started", StartupMarks.sinceStart());
        PauseTransition drawn = new PauseTransition(DRAWN);
        drawn.setOnFinished(e -> opening.whenDone(shell -> {
            if (!stage.isShowing()) {
                return;
            }
            stage.setScene(shell.createScene(stage.getScene().getWidth(), stage.getScene().getHeight()));
            stage.titleProperty().bind(shell.titleProperty());
            opening.shown(shell);
            log.info("console ready {} ms after the JVM started", StartupMarks.sinceStart());
        }, failure -> {
            stage.setTitle("OpsDeck — the engine did not start");
            starting.failed(failure.said());
        }));
        drawn.play();
    }
}
