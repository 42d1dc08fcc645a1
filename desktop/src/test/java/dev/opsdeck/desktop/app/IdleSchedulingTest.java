package dev.opsdeck.desktop.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class IdleSchedulingTest {

    /** Field 41 of /proc/thread-self/stat: the calling thread's scheduling policy (5 = SCHED_IDLE). */
    private static String policyOfThisThread() throws Exception {
        String stat = Files.readString(Path.of("/proc/thread-self/stat"));
        // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
        String[] rest = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return rest[41 - 3];
    }

    @Test
    void aThreadThatEnters_isInTheIdleClass_andOthersAreNot() throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/thread-self/stat")), "Linux only");
        AtomicReference<String> after = new AtomicReference<>();
        AtomicReference<String> before = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                before.set(policyOfThisThread());
                IdleScheduling.enter();
                after.set(policyOfThisThread());
            } catch (Exception e) {
                after.set(e.toString());
            }
        });
        t.start();
        t.join();

        assertThat(before.get()).isEqualTo("0");
        assertThat(after.get()).isEqualTo("5");
        assertThat(policyOfThisThread()).isEqualTo("0");
    }
}
