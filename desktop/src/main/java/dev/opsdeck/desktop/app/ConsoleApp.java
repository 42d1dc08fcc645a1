package dev.opsdeck.desktop.app;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/** The JavaFX application: one window holding the console. Started by {@link Console#open}. */
public final class ConsoleApp extends Application {

    @Override
    public void start(Stage stage) {
        ConsoleShell shell = Console.shell();
        stage.titleProperty().bind(shell.titleProperty());
        stage.setScene(shell.createScene(1600, 960));
        stage.setMinWidth(1100);
        stage.setMinHeight(700);
        stage.setOnHidden(e -> {
            shell.close();
            Platform.exit();
        });
        stage.show();
    }
}
