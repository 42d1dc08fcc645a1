package dev.opsdeck.engine.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
        RootMount.requireRoot("mounting a tmpfs");
        Path mount = Files.createDirectories(dir.resolve("shm"));
        RootMount.run("mount", "-t", "tmpfs", "-o", "size=1m", "opsdeck-test", mount.toString());
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
        RootMount.unmount(mount);
    }
}
