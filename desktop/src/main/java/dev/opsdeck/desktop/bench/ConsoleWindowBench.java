package dev.opsdeck.desktop.bench;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.stage.Stage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code opsdeck bench console-window}: one run of the console's loads ({@link ConsoleLoads}) in a real window, in
 * the console's own JVM: the launcher starts it as it starts the console (its JVM options and its start-up cache).
 * Started by {@code opsdeck bench console}, which compares runs without and with the cache.
 */
@Command(name = "console-window", hidden = true, mixinStandardHelpOptions = true,
        description = "One run of the console benchmark in a window (needs a display); prints one JSON line.")
public final class ConsoleWindowBench implements Callable<Integer> {

    /** Held so the level sticks: JavaFX warns on every class-path start, which is how OpsDeck runs by design. */
    private static final java.util.logging.Logger FX_STARTUP = java.util.logging.Logger.getLogger("javafx");

    @Mixin
    ConsoleLoadOptions load;

    @Option(names = "--no-warm", negatable = true, defaultValue = "true", description = "Skip the warm realistic load.")
    boolean warm;

    @Option(names = "--stress", paramLabel = "N", defaultValue = "0",
            description = "Incidents of the stress load on the bare rules (default: ${DEFAULT-VALUE}: none).")
    int stress;

    @Override
    public Integer call() throws Exception {
        if (System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null) {
            throw new IllegalArgumentException("bench console needs a display: run it under xvfb-run -a "
                    + "-s \"-screen 0 1600x1000x24\"");
        }
        FX_STARTUP.setLevel(java.util.logging.Level.SEVERE);
        ConsoleLoads loads = new ConsoleLoads(new ConsoleLoads.Sizes(load.realistic, load.thinkMs, warm, stress));
        CompletableFuture<Void> opened = new CompletableFuture<>();
        Platform.setImplicitExit(false);
        Platform.startup(() -> {
            try {
                Stage stage = new Stage();
                stage.setTitle("OpsDeck — console benchmark");
                loads.open(stage);
                opened.complete(null);
            } catch (Exception | Error e) {
                opened.completeExceptionally(e);
            }
        });
        try {
            opened.get(120, TimeUnit.SECONDS);
            System.out.println(loads.run());
        } finally {
            loads.close();
            Platform.exit();
        }
        return 0;
    }
}
