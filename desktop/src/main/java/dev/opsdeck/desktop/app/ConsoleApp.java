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

    @Override
    public void start(Stage stage) {
        ConsoleShell shell = Console.shell();
        stage.titleProperty().bind(shell.titleProperty());
        List<Rectangle2D> screens = new ArrayList<>();
        screens.add(Screen.getPrimary().getVisualBounds());
        Screen.getScreens().stream().filter(s -> s != Screen.getPrimary()).forEach(s -> screens.add(s.getVisualBounds()));
        Placement at = Placement.initial(shell.placements().load(), screens);
        stage.setScene(shell.createScene(at.width(), at.height()));
        stage.setX(at.x());
        stage.setY(at.y());
        stage.setMaximized(at.maximized());
        stage.setMinWidth(Placement.MIN_WIDTH);
        stage.setMinHeight(Placement.MIN_HEIGHT);
        stage.setOnCloseRequest(e -> shell.placements().save(new Placement(stage.getX(), stage.getY(),
                stage.getWidth(), stage.getHeight(), stage.isMaximized())));
        stage.setOnHidden(e -> {
            shell.close();
            Platform.exit();
        });
        stage.show();
    }
}
