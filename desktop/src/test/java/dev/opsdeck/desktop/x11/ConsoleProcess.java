package dev.opsdeck.desktop.x11;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The console as a user starts it: the repository's {@code ./opsdeck} launcher script, in a process of its own, on an
 * {@link XSession}'s display. Its output goes to a file the test can quote when something is missing.
 */
public final class ConsoleProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private ConsoleProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** The checkout the launcher lives in (the build passes it; else the module's parent). */
    public static Path home() {
        String home = System.getProperty("opsdeck.home");
        return home != null ? Path.of(home) : Path.of(System.getProperty("user.dir")).getParent();
    }

    /**
     * Runs {@code ./opsdeck ARGS} with {@code env} added. These tests run after Maven's package phase, which built
     * the classes and the class path the script runs from, so the script's own mark of its last build is set to
     * now rather than have it start a second Maven build inside this one.
     */
    public static ConsoleProcess start(List<String> args, Map<String, String> env, Path log) throws IOException {
        Path home = home();
        Path classpath = home.resolve("desktop/target/classpath.txt");
        if (!Files.exists(classpath)) {
            throw new IllegalStateException(classpath + " is missing: run these tests with mvn verify (after package)");
        }
        Path stamp = home.resolve("desktop/target/.opsdeck-built");
        if (!Files.exists(stamp)) {
            Files.createFile(stamp);
        }
        Files.setLastModifiedTime(stamp, FileTime.from(Instant.now()));
        List<String> cmd = new ArrayList<>(List.of(home.resolve("opsdeck").toString()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove("GEMINI_API_KEY");
        pb.environment().remove("GOOGLE_API_KEY");
        pb.environment().remove("DBUS_SESSION_BUS_ADDRESS");
        // The start-up cache has a test of its own (StartupCacheIT); these consoles must not train one as they go.
        pb.environment().put("OPSDECK_AOT", "off");
        pb.environment().putAll(env);
        return new ConsoleProcess(pb.start(), log);
    }

    public Process process() {
        return process;
    }

    /** What the console printed so far. */
    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(output unreadable: " + e.getMessage() + ")";
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
