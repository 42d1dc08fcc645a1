package dev.opsdeck.desktop.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CompilerThreadsTest {

    /** Each thread's name and nice value (field 19 of /proc/self/task/TID/stat). */
    private static Map<String, Integer> niceByThread() throws Exception {
        Map<String, Integer> nice = new TreeMap<>();
        for (File t : new File("/proc/self/task").listFiles()) {
            try {
                String stat = Files.readString(t.toPath().resolve("stat"));
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] rest = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
                nice.put(name + "#" + t.getName(), Integer.parseInt(rest[19 - 3]));
            } catch (java.io.IOException e) {
                // ended while listed
            }
        }
        return nice;
    }

    @Test
    void theCompilerThreads_getTheLowestNormalPriority_andNoOtherThreadDoes() throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/self/task")), "Linux only");
        // This test JVM adds and retires compiler threads as it likes (the console's starts them all up front):
        // judge the threads there were when the console called, as far as they are still there.
        java.util.Set<String> there = niceByThread().keySet();

        CompilerThreads.yieldToTheWindow();

        Map<String, Integer> nice = niceByThread();
        nice.keySet().retainAll(there);
        assertThat(nice.keySet()).anyMatch(n -> n.contains("CompilerThre"));
        nice.forEach((thread, value) -> {
            if (thread.contains("CompilerThre")) {
                assertThat(value).as(thread).isEqualTo(19);
            } else {
                assertThat(value).as(thread).isLessThan(19);
            }
        });
        assertThat(CompilerThreads.lowered()).isPositive();
    }
}
