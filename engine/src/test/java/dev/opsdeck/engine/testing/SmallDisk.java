package dev.opsdeck.engine.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real small disk for tests of a full one: a 3 MiB tmpfs mounted under a test's temp dir (mounting needs root, as
 * CI runs), filled up on demand, and its room given back by deleting the filler.
 */
public final class SmallDisk implements AutoCloseable {

    private final Path mount;

    private SmallDisk(Path mount) {
        this.mount = mount;
    }

    /** Mounts one under {@code dir}; a test not run as root is skipped, saying why. */
    public static SmallDisk under(Path dir) throws IOException, InterruptedException {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "mounting a 3 MiB tmpfs needs root (CI runs as root)");
        Path mount = Files.createDirectories(dir.resolve("small"));
        if (run("mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", mount.toString()) != 0) {
            throw new IllegalStateException("could not mount a tmpfs at " + mount);
        }
        return new SmallDisk(mount);
    }

    public Path path() {
        return mount;
    }

    /** Writes zeros until the disk refuses; returns the file to delete to give the room back. */
    public Path fill() throws IOException {
        return fillUntilFull(mount.resolve("filler"));
    }

    /** Writes zeros to {@code filler} until its filesystem refuses; returns it. */
    static Path fillUntilFull(Path filler) throws IOException {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            return filler;
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("umount", "-l", mount.toString());
    }

    private static int run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }
}
