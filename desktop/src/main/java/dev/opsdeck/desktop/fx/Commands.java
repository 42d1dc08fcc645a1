package dev.opsdeck.desktop.fx;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The seam between ViewModels and background work: engine calls that may block (inject, answer, reset, journal
 * reads) run off the FX thread, and their result comes back on it. A command that fails comes back too, to
 * {@code failed}, so whatever the ViewModel disabled for it is enabled again and the operator is told what failed.
 * ViewModel tests use {@link #direct()}.
 */
public interface Commands {

    /**
     * Runs {@code work} in the background, then {@code then} with its result on the UI thread; if {@code work}
     * throws, {@code failed} gets "{@code what} failed: reason" on the UI thread instead.
     *
     * @param what the command as the operator would name it ("Inject web_5xx", "Answer INC-009's sign-off")
     */
    <T> void run(String what, Supplier<T> work, Consumer<T> then, Consumer<String> failed);

    /** Runs {@code then} on the UI thread after {@code delay} (cooldowns, arming; never to pace the event stream). */
    void later(Duration delay, Runnable then);

    /** What the operator reads when {@code what} threw {@code e}. */
    static String failure(String what, RuntimeException e) {
        // A wrapper's message is its cause's class and message ("java.io.IOException: Output closed"): an operator
        // reads the cause's own words.
        Throwable t = e;
        while (t.getCause() != null && (t.getMessage() == null || t.getMessage().equals(t.getCause().toString()))) {
            t = t.getCause();
        }
        String why = t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName() : t.getMessage();
        return what + " failed: " + why;
    }

    /** Everything at once on the caller's thread: for ViewModel tests. */
    static Commands direct() {
        return new Commands() {
            @Override
            public <T> void run(String what, Supplier<T> work, Consumer<T> then, Consumer<String> failed) {
                T result;
                try {
                    result = work.get();
                } catch (RuntimeException e) {
                    failed.accept(failure(what, e));
                    return;
                }
                then.accept(result);
            }

            @Override
            public void later(Duration delay, Runnable then) {
                then.run();
            }
        };
    }
}
