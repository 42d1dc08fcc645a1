package dev.opsdeck.engine.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real ext4 filesystem for tests of a full disk: an 8 MiB image made with mkfs.ext4 (no reserved blocks, so it
 * fills to 0 % free) and loop-mounted under a test's temp dir. Mounting needs root, as CI runs; with
 * {@code OPSDECK_REQUIRE_MONITORING} set a run without root fails rather than skips.
 */
public final class LoopDisk implements AutoCloseable {

    private final Path mount;

    private LoopDisk(Path mount) {
        this.mount = mount;
    }

    public static LoopDisk under(Path dir) throws IOException, InterruptedException {
        RootMount.requireRoot("loop-mounting an ext4 image");
        Path image = dir.resolve("disk.img");
        Path mount = Files.createDirectories(dir.resolve("disk"));
        RootMount.run("truncate", "-s", "8M", image.toString());
        RootMount.run("mkfs.ext4", "-q", "-F", "-m", "0", image.toString());
        RootMount.run("mount", "-o", "loop", image.toString(), mount.toString());
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
        RootMount.unmount(mount);
    }
}
