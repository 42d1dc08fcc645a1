package dev.opsdeck.desktop.app;

import javafx.application.Application;
import javafx.application.Platform;
import dev.opsdeck.desktop.window.Placement;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

/** The JavaFX application: one window holding the console. Started by {@link Console#open}. */
public final class ConsoleApp extends Application {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ConsoleApp.class);

    @Override
    public void start(Stage stage) {
        ConsoleShell shell = Console.shell();
        // The title says the console is not there yet; it is the console's own once its scene is in place.
        stage.setTitle("OpsDeck — opening the console…");
        List<Rectangle2D> screens = new ArrayList<>();
        screens.add(Screen.getPrimary().getVisualBounds());
        Screen.getScreens().stream().filter(s -> s != Screen.getPrimary()).forEach(s -> screens.add(s.getVisualBounds()));
        Placement at = Placement.initial(shell.placements().load(), screens);
        stage.setScene(splash(at));
        dev.opsdeck.desktop.window.Restore.onto(stage, at);
        stage.setOnCloseRequest(e -> shell.placements().save(new Placement(stage.getX(), stage.getY(),
                stage.getWidth(), stage.getHeight(), stage.isMaximized())));
        stage.setOnHidden(e -> {
            shell.close();
            Platform.exit();
        });
        stage.show();
        log.info("window shown {} ms after the JVM started", sinceStart());
        // The console's scene takes a second or more to build on a small machine: the window shows at once with a
        // word on what is happening, and the console replaces it once the splash has been drawn.
        javafx.animation.PauseTransition drawn = new javafx.animation.PauseTransition(javafx.util.Duration.millis(40));
        drawn.setOnFinished(e -> {
            stage.setScene(shell.createScene(stage.getScene().getWidth(), stage.getScene().getHeight()));
            stage.titleProperty().bind(shell.titleProperty());
            log.info("console ready {} ms after the JVM started", sinceStart());
        });
        drawn.play();
    }

    private static long sinceStart() {
        return System.currentTimeMillis() - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    private static javafx.scene.Scene splash(Placement at) {
        javafx.scene.control.Label name = new javafx.scene.control.Label("OpsDeck");
        name.setStyle("-fx-font-size: 28px; -fx-font-weight: bold; -fx-text-fill: #f0f4f8;");
        javafx.scene.control.Label what = new javafx.scene.control.Label("Opening the console…");
        what.setStyle("-fx-font-size: 14px; -fx-text-fill: #8b949e;");
        javafx.scene.control.ProgressBar bar = new javafx.scene.control.ProgressBar();
        bar.setPrefWidth(240);
        javafx.scene.layout.VBox box = new javafx.scene.layout.VBox(12, name, what, bar);
        box.setAlignment(javafx.geometry.Pos.CENTER);
        box.setStyle("-fx-background-color: #0d1117;");
        return new javafx.scene.Scene(box, at.width(), at.height());
    }
}
