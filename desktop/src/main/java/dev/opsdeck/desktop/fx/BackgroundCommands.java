package dev.opsdeck.desktop.fx;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link Commands} on one small daemon thread; results return through the {@link FxHop}. */
public final class BackgroundCommands implements Commands, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BackgroundCommands.class);

    private final FxHop hop;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "opsdeck-ui-work");
        t.setDaemon(true);
        return t;
    });

    public BackgroundCommands(FxHop hop) {
        this.hop = hop;
    }

    @Override
    public <T> void run(Supplier<T> work, Consumer<T> then) {
        worker.execute(() -> {
            try {
                T result = work.get();
                hop.post(() -> then.accept(result));
            } catch (RuntimeException e) {
                log.error("background task failed", e);
            }
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
