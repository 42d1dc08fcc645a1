package dev.opsdeck.engine.telemetry.prometheus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * A monitoring binary run on this machine (Prometheus, and in tests node_exporter and Alertmanager): found on the
 * PATH, and once started its output read on a daemon thread of its own. It counts as started when a line says it is
 * ready; its last lines are kept to say why when it never does.
 */
public final class LocalProcess {

    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final Deque<String> tail = new ArrayDeque<>();

    private LocalProcess() {
    }

    /**
     * Reads {@code process}'s output on a daemon thread named {@code thread}, keeping its last {@code keep} lines,
     * until it ends; {@code name} is what it is called if it ends before {@code readyLine}.
     */
    public static LocalProcess follow(Process process, String name, String thread, Pattern readyLine, int keep) {
        LocalProcess log = new LocalProcess();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    synchronized (log.tail) {
                        log.tail.addLast(line);
                        if (log.tail.size() > keep) {
                            log.tail.removeFirst();
                        }
                    }
                    if (readyLine.matcher(line).find()) {
                        log.ready.complete(null);
                    }
                }
            } catch (IOException e) {
                log.ready.completeExceptionally(e);
            }
            log.ready.completeExceptionally(new IllegalStateException(name + " exited with " + exitCode(process)));
        }, thread);
        reader.setDaemon(true);
        reader.start();
        return log;
    }

    /** Returns once the ready line came; throws if the process ended first or {@code within} passed. */
    public void awaitReady(Duration within) throws InterruptedException, ExecutionException, TimeoutException {
        ready.get(within.toSeconds(), TimeUnit.SECONDS);
    }

    /** The last lines read, oldest first. */
    public List<String> tail() {
        synchronized (tail) {
            return List.copyOf(tail);
        }
    }

    /** The executable {@code binary} on the PATH (or in /usr/bin, /usr/sbin), if there is one. */
    public static Optional<Path> which(String binary) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : (path + ":/usr/bin:/usr/sbin").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, binary);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static String exitCode(Process p) {
        try {
            return p.waitFor(5, TimeUnit.SECONDS) ? String.valueOf(p.exitValue()) : "(still running)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }
}
