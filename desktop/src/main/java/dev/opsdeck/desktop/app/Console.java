package dev.opsdeck.desktop.app;

import dev.opsdeck.desktop.bridge.BridgeControl;
import dev.opsdeck.desktop.port.InProcess;
import dev.opsdeck.engine.Engine;
import dev.opsdeck.engine.EngineConfig;
import java.nio.file.Path;
import java.util.function.Function;
import javafx.application.Application;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the console and blocks until its window closes and the engine is shut down. JavaFX instantiates the
 * {@link ConsoleApp} itself, so the shell is handed over through here.
 */
public final class Console {

    private static final Logger log = LoggerFactory.getLogger(Console.class);
    private static volatile ConsoleShell shell;
    /** Held so the level sticks: JavaFX warns on every class-path start, which is how OpsDeck runs by design. */
    private static final java.util.logging.Logger FX_STARTUP = java.util.logging.Logger.getLogger("javafx");

    private Console() {
    }

    static ConsoleShell shell() {
        return shell;
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

    /** @return a process exit code */
    public static int open(EngineConfig config, Path dataDir, Function<Engine, BridgeControl> bridge) {
        FX_STARTUP.setLevel(java.util.logging.Level.SEVERE);
        if (noDisplay()) {
            throw new IllegalArgumentException("no display to open the console on (DISPLAY is not set); "
                    + "run it in a desktop session, or use ./opsdeck serve for engine + bridge with no window");
        }
        long t0 = System.currentTimeMillis();
        Engine engine = Engine.start(config);
        shell = new ConsoleShell(new InProcess(engine), dataDir, bridge.apply(engine), System.getenv());
        log.info("engine started in {} ms ({} ms after the JVM started)", System.currentTimeMillis() - t0,
                System.currentTimeMillis() - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime());
        Application.launch(ConsoleApp.class);
        try {
            if (!shell.awaitClosed(15)) {
                log.warn("the engine took too long to shut down; exiting anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
