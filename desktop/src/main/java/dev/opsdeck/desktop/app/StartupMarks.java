package dev.opsdeck.desktop.app;

import java.lang.management.ManagementFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's start-up as a timeline: each step, at debug, with how long after the JVM started it ended
 * ({@code --log-level debug} shows them). The two a person notices, the window shown and the console ready, are
 * said at info: {@code bench startup} reads those.
 */
public final class StartupMarks {

    private static final Logger log = LoggerFactory.getLogger(StartupMarks.class);

    private StartupMarks() {
    }

    /** Milliseconds since the JVM started (the launcher's own start, as a person counts it). */
    public static long sinceStart() {
        return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    /** A step of the start-up ended. */
    public static void mark(String step) {
        if (log.isDebugEnabled()) {
            log.debug("start-up: {} {} ms after the JVM started [{}]", step, sinceStart(),
                    Thread.currentThread().getName());
        }
    }
}
