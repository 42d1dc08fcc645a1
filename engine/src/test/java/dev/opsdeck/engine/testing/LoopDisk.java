package dev.opsdeck.engine.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real ext4 filesystem for tests of a full disk: an 8 MiB image made with mkfs.ext4 (no reserved blocks, so it
 * fills to 0 % free) and loop-mounted under a test's temp dir. Mounting needs root, as CI runs.
 */
public final class LoopDisk implements AutoCloseable {

    private final Path mount;

    private LoopDisk(Path mount) {
        this.mount = mount;
    }

    public static LoopDisk under(Path dir) throws IOException, InterruptedException {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (System.getenv("OPSDECK_REQUIRE_MONITORING") != null && !root) {
            throw new IllegalStateException("a loop-mounted ext4 needs root, and this run requires it");
        }
        Assumptions.assumeTrue(root, "loop-mounting an ext4 image needs root (CI runs as root)");
        Path image = dir.resolve("disk.img");
        Path mount = Files.createDirectories(dir.resolve("disk"));
        run("truncate", "-s", "8M", image.toString());
        run("mkfs.ext4", "-q", "-F", "-m", "0", image.toString());
        run("mount", "-o", "loop", image.toString(), mount.toString());
        return new LoopDisk(mount);
    }

    public Path path() {
        return mount;
    }

    /** Writes until the filesystem refuses; returns the file that holds the space. */
    public Path fill(String name) throws IOException {
        return SmallDisk.fillUntilFull(mount.resolve(name));
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
