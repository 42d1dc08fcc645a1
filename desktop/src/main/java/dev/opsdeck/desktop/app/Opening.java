package dev.opsdeck.desktop.app;

import dev.opsdeck.desktop.fx.FxHop;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A console on its way to its window: what the window says meanwhile, then the console once its engine has started
 * (on a thread of its own, see {@link Console#starting}), or why it did not. The one hand-over back to the FX thread
 * is {@link #whenDone}. Nothing acts on the engine before it is there: until then the window holds no console at
 * all, only what is happening.
 */
public final class Opening {

    private static final Logger log = LoggerFactory.getLogger(Opening.class);

    private final String what;
    private final Path dataDir;
    private final CompletableFuture<ConsoleShell> console;
    /** Set on the FX thread once the console is in the window; the window then closes it. */
    private volatile ConsoleShell shown;
    private volatile boolean windowClosed;

    public Opening(String what, Path dataDir, CompletableFuture<ConsoleShell> console) {
        this.what = what;
        this.dataDir = dataDir;
        this.console = console;
    }

    /** What the window says while the console is not there yet. */
    public String what() {
        return what;
    }

    public Path dataDir() {
        return dataDir;
    }

    /**
     * Calls {@code ready} with the console, or {@code failed} with what went wrong, on the FX thread, once it is
     * known (at once if it is already). Call on the FX thread.
     */
    public void whenDone(Consumer<ConsoleShell> ready, Consumer<StartFailure> failed) {
        console.whenComplete((shell, e) -> {
            if (windowClosed) {
                return;
            }
            FxHop.later(() -> {
                if (e == null) {
                    ready.accept(shell);
                } else {
                    failed.accept(StartFailure.of(e instanceof CompletionException && e.getCause() != null
                            ? e.getCause() : e));
                }
            });
        });
    }

    /** The console is in the window now. */
    void shown(ConsoleShell shell) {
        shown = shell;
    }

    /** The window closed (on the FX thread): the console it showed shuts down. */
    void windowClosed() {
        windowClosed = true;
        ConsoleShell s = shown;
        if (s != null) {
            s.close();
        }
    }

    /**
     * After the window closed: waits for a console that never made it to the window (closed while its engine was
     * starting, which then finishes: a store is not left half-opened) and shuts it down too, then for the engine to
     * close. @return the process's exit code
     */
    public int afterWindow(long seconds) throws InterruptedException {
        ConsoleShell s;
        try {
            s = console.join();
        } catch (CompletionException | java.util.concurrent.CancellationException e) {
            return StartFailure.of(e.getCause() != null ? e.getCause() : e).exitCode();
        }
        if (shown == null) {
            s.close();
        }
        if (!s.awaitClosed(seconds)) {
            log.warn("the engine took too long to shut down; exiting anyway");
        }
        return 0;
    }
}
