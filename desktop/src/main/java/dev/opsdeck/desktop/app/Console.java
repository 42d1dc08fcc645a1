package dev.opsdeck.desktop.app;

import dev.opsdeck.desktop.bridge.BridgeControl;
import dev.opsdeck.desktop.bridge.UnavailableBridge;
import dev.opsdeck.desktop.port.ConsolePort;
import dev.opsdeck.desktop.port.InProcess;
import dev.opsdeck.engine.Engine;
import dev.opsdeck.engine.EngineConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import dev.opsdeck.desktop.fx.FxHop;
import java.util.concurrent.CountDownLatch;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/** Opens the console and blocks until its window closes and the engine is shut down. */
public final class Console {

    private static volatile CompletableFuture<Stage> toolkit;
    /** Held so the level sticks: JavaFX warns on every class-path start, which is how OpsDeck runs by design. */
    private static final java.util.logging.Logger FX_STARTUP = java.util.logging.Logger.getLogger("javafx");

    private Console() {
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
        return show(starting(config, dataDir, bridge, System.getenv(), System.err));
    }

    /**
     * Starts an engine on {@code config} (built there too: a world file or a runbook is read, a model client made)
     * and wires a console to it, on a thread of its own; a failure is said on {@code err} at once, as
     * {@code opsdeck: ...}, and shown in the window.
     */
    public static Opening starting(Supplier<EngineConfig> config, Path dataDir, Function<Engine, BridgeControl> bridge,
            Map<String, String> env, PrintStream err) {
        CompletableFuture<ConsoleShell> console = new CompletableFuture<>();
        Thread start = new Thread(() -> {
            // Got here, not in a static field: this class is first used before the logs are set up.
            org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Console.class);
            try {
                EngineConfig c = config.get();
                StartupMarks.mark("engine configured (world, runbook, reasoning)");
                long t0 = System.currentTimeMillis();
                Engine engine = Engine.start(c);
                log.info("engine started in {} ms ({} ms after the JVM started)", System.currentTimeMillis() - t0,
                        StartupMarks.sinceStart());
                try {
                    console.complete(new ConsoleShell(new InProcess(engine), dataDir, bridge.apply(engine), env));
                } catch (RuntimeException e) {
                    engine.close();
                    throw e;
                }
                StartupMarks.mark("console wired");
            } catch (RuntimeException | Error e) {
                StartFailure failure = StartFailure.of(e);
                if (failure.exitCode() == 2) {
                    // Said on the terminal below, once; the log file keeps it too.
                    log.info("the engine did not start: {}", failure.said());
                } else {
                    log.error("the engine did not start", e);
                }
                err.println("opsdeck: " + failure.said());
                console.completeExceptionally(e);
            }
        }, "opsdeck-engine-start");
        start.start();
        return new Opening("Starting the engine…", dataDir, console);
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

    /**
     * Starts the toolkit on a thread of its own, so that it comes up while the logs and the settings are set up and
     * the engine is configured; the window then opens on it at once. Without a display it does nothing (opening the
     * console says so).
     */
    public static synchronized void startToolkit() {
        FX_STARTUP.setLevel(java.util.logging.Level.SEVERE);
        if (toolkit != null || noDisplay()) {
            return;
        }
        CompletableFuture<Stage> up = new CompletableFuture<>();
        toolkit = up;
        Thread launching = new Thread(() -> {
            try {
                // Returns once the window has closed and the toolkit has exited.
                Application.launch(ConsoleApp.class);
            } catch (RuntimeException | Error e) {
                up.completeExceptionally(e);
            }
        }, "opsdeck-toolkit");
        launching.setDaemon(true);
        launching.start();
    }

    /** The toolkit is up, with the stage that becomes the window (on the FX thread). */
    static void toolkitUp(Stage stage) {
        toolkit.complete(stage);
    }

    private static int show(Opening opened) {
        startToolkit();
        Stage stage;
        try {
            stage = toolkit.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        CountDownLatch closed = new CountDownLatch(1);
        FxHop.later(() -> ConsoleWindow.open(stage, opened, () -> {
            closed.countDown();
            Platform.exit();
        }));
        try {
            closed.await();
            return opened.afterWindow(15);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
