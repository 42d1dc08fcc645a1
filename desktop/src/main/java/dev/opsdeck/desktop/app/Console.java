package dev.opsdeck.desktop.app;

import dev.opsdeck.desktop.bridge.BridgeControl;
import dev.opsdeck.desktop.bridge.UnavailableBridge;
import dev.opsdeck.desktop.port.ConsolePort;
import dev.opsdeck.engine.Engine;
import dev.opsdeck.engine.EngineConfig;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.application.Application;

/**
 * Opens the console and blocks until its window closes and the engine is shut down. JavaFX instantiates the
 * {@link ConsoleApp} itself, so the opening is handed over through here.
 */
public final class Console {

    private static volatile Opening opening;
    /** Held so the level sticks: JavaFX warns on every class-path start, which is how OpsDeck runs by design. */
    private static final java.util.logging.Logger FX_STARTUP = java.util.logging.Logger.getLogger("javafx");

    private Console() {
    }

    static Opening opening() {
        return opening;
    }

    /** On Linux the console needs an X or Wayland display; elsewhere the toolkit finds its own. */
    private static boolean noDisplay() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        boolean headlessGlass = "Monocle".equals(System.getProperty("glass.platform"));
        return os.contains("linux") && !headlessGlass && blank(System.getenv("DISPLAY"))
                && blank(System.getenv("WAYLAND_DISPLAY"));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /**
     * Opens the console on an engine in this process. The window shows first, saying the engine is starting; the
     * engine is configured and started meanwhile on a thread of its own (see {@link Opening}).
     *
     * @return a process exit code: 0, or a failed start's (see {@link StartFailure})
     */
    public static int open(Supplier<EngineConfig> config, Path dataDir, Function<Engine, BridgeControl> bridge) {
        requireDisplay();
        return show(Opening.ofEngine(config, dataDir, bridge, System.getenv(), System.err));
    }

    /** Opens the console on a server it joins over the wire; @return a process exit code. */
    public static int join(ConsolePort server, Path dataDir) {
        requireDisplay();
        return show(new Opening("Opening the console…", dataDir, CompletableFuture.completedFuture(new ConsoleShell(
                server, dataDir, new UnavailableBridge("this console joined a server; it serves no bridge of its own"),
                System.getenv()))));
    }

    private static void requireDisplay() {
        FX_STARTUP.setLevel(java.util.logging.Level.SEVERE);
        if (noDisplay()) {
            throw new IllegalArgumentException("no display to open the console on (DISPLAY is not set); "
                    + "run it in a desktop session, or use ./opsdeck serve for engine + bridge with no window");
        }
    }

    private static int show(Opening opened) {
        opening = opened;
        StartupMarks.mark("toolkit starting");
        Application.launch(ConsoleApp.class);
        try {
            return opened.afterWindow(15);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
