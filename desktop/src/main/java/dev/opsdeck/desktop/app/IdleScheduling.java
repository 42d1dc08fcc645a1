package dev.opsdeck.desktop.app;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Structure;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the calling thread in Linux's idle scheduling class ({@code SCHED_IDLE}): it runs only on a core nothing
 * else wants, and gives the core up at once when any other thread wakes.
 *
 * <p>Why: the console runs the engine in-process on a machine that may have two cores. During a burst the engine's
 * turn threads want every core for seconds; at the normal class, or even at the lowest nice value, the FX thread
 * waited up to a scheduler slice for a core on every wake-up (≈ 0.8 s of a 5 s burst), and frames stretched.
 * Idle-class turns still take every core the window leaves idle, so a burst is not slower. Any user may move their
 * own threads to this class. Elsewhere than Linux, or if the call fails, the thread stays as it was.
 */
public final class IdleScheduling {

    private static final Logger log = LoggerFactory.getLogger(IdleScheduling.class);
    private static final int SCHED_IDLE = 5;
    private static final AtomicInteger entered = new AtomicInteger();

    private IdleScheduling() {
    }

    /** Moves the calling thread to the idle class; never throws. */
    public static void enter() {
        if (!Platform.isLinux()) {
            return;
        }
        try {
            // pid 0: the calling thread (Linux schedules threads, not processes).
            if (LibC.INSTANCE.sched_setscheduler(0, SCHED_IDLE, new SchedParam()) == 0) {
                entered.incrementAndGet();
            } else {
                log.debug("sched_setscheduler(SCHED_IDLE) refused: errno {}", Native.getLastError());
            }
        } catch (LinkageError | RuntimeException e) {
            log.debug("cannot reach libc to lower a turn thread's scheduling class", e);
        }
    }

    /** Threads moved so far (for the benchmark's record). */
    public static int entered() {
        return entered.get();
    }

    private interface LibC extends Library {
        LibC INSTANCE = Native.load("c", LibC.class);

        int sched_setscheduler(int pid, int policy, SchedParam param);
    }

    /** {@code struct sched_param}: the static priority, which must be 0 for the idle class. */
    @Structure.FieldOrder("sched_priority")
    public static final class SchedParam extends Structure {
        public int sched_priority;
    }
}
