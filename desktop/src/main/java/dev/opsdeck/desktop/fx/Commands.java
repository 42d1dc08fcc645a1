package dev.opsdeck.desktop.fx;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The seam between ViewModels and background work: engine calls that may block (inject, answer, reset, journal
 * reads) run off the FX thread, and their result comes back on it. ViewModel tests use {@link #direct()}.
 */
public interface Commands {

    /** Runs {@code work} in the background, then {@code then} with its result on the UI thread. */
    <T> void run(Supplier<T> work, Consumer<T> then);

    /** Runs {@code then} on the UI thread after {@code delay} (cooldowns; never used to pace the event stream). */
    void later(Duration delay, Runnable then);

    /** Everything at once on the caller's thread: for ViewModel tests. */
    static Commands direct() {
        return new Commands() {
            @Override
            public <T> void run(Supplier<T> work, Consumer<T> then) {
                then.accept(work.get());
            }

            @Override
            public void later(Duration delay, Runnable then) {
                then.run();
            }
        };
    }
}
