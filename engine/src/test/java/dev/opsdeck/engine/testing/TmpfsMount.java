package dev.opsdeck.engine.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real tmpfs of 1 MiB mounted under a test's temp dir: the kind of filesystem ({@code /run}, {@code /dev/shm})
 * that fills up in production and that probes leave out by default. Mounting needs root, as CI runs; with
 * {@code OPSDECK_REQUIRE_MONITORING} set (CI sets it, as for the loop disk) a run without root fails rather than skips.
 */
public final class TmpfsMount implements AutoCloseable {

    private final Path mount;

    private TmpfsMount(Path mount) {
        this.mount = mount;
    }

    public static TmpfsMount under(Path dir) throws IOException, InterruptedException {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root && System.getenv("OPSDECK_REQUIRE_MONITORING") != null) {
            Assertions.fail("mounting a tmpfs needs root (OPSDECK_REQUIRE_MONITORING is set: CI must run this test)");
        }
        Assumptions.assumeTrue(root, "mounting a tmpfs needs root (CI runs as root)");
        Path mount = Files.createDirectories(dir.resolve("shm"));
        run("mount", "-t", "tmpfs", "-o", "size=1m", "opsdeck-test", mount.toString());
        return new TmpfsMount(mount);
    }

    public Path path() {
        return mount;
    }

    /** Writes until the filesystem refuses: 0 % free. */
    public Path fill() throws IOException {
        return SmallDisk.fillUntilFull(mount.resolve("fill"));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("umount", "-l", mount.toString());
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
        }
    }
}
