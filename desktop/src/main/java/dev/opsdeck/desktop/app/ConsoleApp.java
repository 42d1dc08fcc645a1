package dev.opsdeck.desktop.app;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/** The JavaFX application: one window holding the console. Started by {@link Console}, which hands it the opening. */
public final class ConsoleApp extends Application {

    @Override
    public void start(Stage stage) {
        ConsoleWindow.open(stage, Console.opening(), Platform::exit);
    }
}
