package dev.opsdeck.desktop.app;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the JVM's JIT compiler threads to the lowest normal priority (nice 19) on Linux.
 *
 * <p>Why: in a burst's first second the engine runs most of its code for the first time, and the compiler thread
 * took 300 ms of CPU in the first 700 ms, as much as the FX thread, which waited for a core behind it (seen from
 * {@code /proc/self/task/*}/stat during the console bench). At nice 19 the compiler still gets every core the
 * window leaves, and always more than the engine's idle-class turn threads it compiles for (see
 * {@link IdleScheduling}). {@code console.jvmopts} makes the JVM start all its compiler threads up front, so none
 * appears later at the default priority. Any user may lower their own threads' priority; elsewhere than Linux, or if
 * a call fails, the threads stay as they were.
 */
public final class CompilerThreads {

    private static final Logger log = LoggerFactory.getLogger(CompilerThreads.class);
    private static final int PRIO_PROCESS = 0;
    private static final int LOWEST = 19;
    private static volatile int lowered;

    private CompilerThreads() {
    }

    /** Lowers every compiler thread there is now; never throws. */
    static void yieldToTheWindow() {
        File[] tasks = Platform.isLinux() ? new File("/proc/self/task").listFiles() : null;
        if (tasks == null) {
            return;
        }
        int n = 0;
        try {
            for (File task : tasks) {
                if (isCompiler(task) && LibC.INSTANCE.setpriority(PRIO_PROCESS, Integer.parseInt(task.getName()),
                        LOWEST) == 0) {
                    n++;
                }
            }
        } catch (LinkageError | RuntimeException e) {
            log.debug("cannot reach libc to lower the compiler threads' priority", e);
        }
        lowered = n;
    }

    /** Compiler threads lowered by the last call (for the benchmark's record). */
    public static int lowered() {
        return lowered;
    }

    private static boolean isCompiler(File task) {
        try {
            // HotSpot names them "C1 CompilerThread0", "C2 CompilerThread0"... cut to 15 characters by Linux.
            return Files.readString(task.toPath().resolve("comm")).contains("CompilerThre");
        } catch (IOException e) {
            return false; // a thread that ended while listed
        }
    }

    private interface LibC extends Library {
        LibC INSTANCE = Native.load("c", LibC.class);

        /** With {@code PRIO_PROCESS} and a thread id, Linux sets that one thread's nice value. */
        int setpriority(int which, int who, int prio);
    }
}
