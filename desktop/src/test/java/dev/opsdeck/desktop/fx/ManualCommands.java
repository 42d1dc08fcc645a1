package dev.opsdeck.desktop.fx;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Commands on a clock the test moves by hand: work runs at once on the caller's thread (a throw goes to the failure
 * path, as in the console), and {@code later} runs only when {@link #advance} passes its time. No sleeps, no FX.
 */
public final class ManualCommands implements Commands {

    private record Due(long atMs, long order, Runnable then) {
    }

    private final List<Due> due = new ArrayList<>();
    private long nowMs;
    private long order;

    @Override
    public <T> void run(String what, Supplier<T> work, Consumer<T> then, Consumer<String> failed) {
        Commands.direct().run(what, work, then, failed);
    }

    @Override
    public void later(Duration delay, Runnable then) {
        due.add(new Due(nowMs + delay.toMillis(), order++, then));
    }

    /** Moves the clock on, running in time order whatever falls due (including what those schedule). */
    public void advance(Duration by) {
        long until = nowMs + by.toMillis();
        while (true) {
            Due next = due.stream().filter(d -> d.atMs() <= until)
                    .min(Comparator.comparingLong(Due::atMs).thenComparingLong(Due::order)).orElse(null);
            if (next == null) {
                break;
            }
            due.remove(next);
            nowMs = Math.max(nowMs, next.atMs());
            next.then().run();
        }
        nowMs = until;
    }
}
