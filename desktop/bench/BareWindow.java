import java.lang.management.ManagementFactory;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * The floor under the console's first window: a JVM that starts JavaFX and shows one window with one label, nothing
 * of OpsDeck, saying when the window is shown as the console says it; {@code jvm} as the argument says the same
 * without JavaFX (the JVM's own start). It exits once it has said it. See bare-window.sh. Like OpsDeck's launcher,
 * the main class is not the Application (from a class path, the java launcher refuses a main class that is).
 */
public final class BareWindow {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("jvm")) {
            System.out.println("main reached " + sinceStart() + " ms after the JVM started");
            return;
        }
        Application.launch(App.class, args);
    }

    public static final class App extends Application {
        @Override
        public void start(Stage stage) {
            stage.setTitle("OpsDeck");
            stage.setScene(new Scene(new StackPane(new Label("Starting the engine…")), 1280, 800));
            stage.show();
            System.out.println("window shown " + sinceStart() + " ms after the JVM started");
            Platform.exit(); // said once shown, as the console says it; nothing more to draw
        }
    }

    private static long sinceStart() {
        return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    }
}
