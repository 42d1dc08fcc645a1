package dev.opsdeck.desktop.fx;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Commands} on one small daemon thread; results and failures return through the {@link FxHop}. Every failure
 * also goes to {@code failures} (the console's status line), so none is only in a log.
 */
public final class BackgroundCommands implements Commands, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BackgroundCommands.class);

    private final FxHop hop;
    private final Consumer<String> failures;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "opsdeck-ui-work");
        t.setDaemon(true);
        return t;
    });

    public BackgroundCommands(FxHop hop, Consumer<String> failures) {
        this.hop = hop;
        this.failures = failures;
    }

    @Override
    public <T> void run(String what, Supplier<T> work, Consumer<T> then, Consumer<String> failed) {
        worker.execute(() -> {
            T result;
            try {
                result = work.get();
            } catch (RuntimeException e) {
                log.error("{} failed", what, e);
                String message = Commands.failure(what, e);
                hop.post(() -> {
                    failed.accept(message);
                    failures.accept(message);
                });
                return;
            }
            hop.post(() -> then.accept(result));
        });
    }

    @Override
    public void later(Duration delay, Runnable then) {
        worker.schedule(() -> hop.post(then), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
