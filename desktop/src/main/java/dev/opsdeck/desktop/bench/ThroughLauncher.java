package dev.opsdeck.desktop.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Option;

/**
 * What the start-up benchmarks share (a picocli mixin): they start OpsDeck through its launcher as a user does,
 * without or with the start-up cache, the cache kept in a folder of the run's own.
 */
final class ThroughLauncher {

    @Option(names = "--launcher", paramLabel = "PATH", defaultValue = "${env:OPSDECK_LAUNCHER}",
            description = "The opsdeck launcher script (default: the one that started this).")
    Path launcher;

    private Path scratch;

    /** Checks a launcher was given and makes the run's own folder; {@code bench} is the command's name. */
    Path open(String bench) throws IOException {
        if (launcher == null) {
            throw new IllegalArgumentException("bench " + bench + " runs the launcher: start it with ./opsdeck bench "
                    + bench);
        }
        scratch = Files.createTempDirectory("opsdeck-" + bench + "-bench");
        return scratch;
    }

    /** {@code opsdeck ARGS} through the launcher, without or with the start-up cache. */
    ProcessBuilder command(boolean cached, String... args) {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("OPSDECK_AOT", cached ? "on" : "off");
        pb.environment().put("OPSDECK_AOT_DIR", scratch.resolve("aot").toString());
        return pb;
    }

    /** The console's cache is assembled in the background after its first (recording) session closes. */
    void awaitConsoleCache() throws InterruptedException {
        Path key = scratch.resolve("aot/console.key");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (!Files.exists(key)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the console's start-up cache was not made within 300 s; see "
                        + scratch.resolve("aot/console.training.log"));
            }
            Thread.sleep(200);
        }
    }
}
