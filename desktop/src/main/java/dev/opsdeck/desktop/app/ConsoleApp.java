package dev.opsdeck.desktop.app;

import javafx.application.Application;
import javafx.stage.Stage;

/**
 * The JavaFX application: its one stage becomes the console's window (see {@link Console}). Launched as an
 * {@code Application} so the window is the application's own (its WM_CLASS is this class's name, which the
 * desktop entry names).
 */
public final class ConsoleApp extends Application {

    @Override
    public void start(Stage stage) {
        Console.toolkitUp(stage);
    }
}
