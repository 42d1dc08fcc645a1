package dev.opsdeck.engine.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What the test filesystems that need root share: a run without root skips the test, saying why, unless
 * {@code OPSDECK_REQUIRE_MONITORING} is set (CI sets it), when it fails; and the mount and unmount commands.
 */
final class RootMount {

    private RootMount() {
    }

    /** Skips the test, or fails it where the run requires it, unless it runs as root; {@code what} needs root. */
    static void requireRoot(String what) {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root && System.getenv("OPSDECK_REQUIRE_MONITORING") != null) {
            Assertions.fail(what + " needs root (OPSDECK_REQUIRE_MONITORING is set: CI must run this test)");
        }
        Assumptions.assumeTrue(root, what + " needs root (CI runs as root)");
    }

    /** Lazily unmounts {@code mount}. */
    static void unmount(Path mount) throws IOException, InterruptedException {
        run("umount", "-l", mount.toString());
    }

    /** Runs {@code cmd}; one that fails or takes over 30 s throws with its output. */
    static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
        }
    }
}
