package dev.opsdeck.engine.telemetry.prometheus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A Prometheus of our own over recorded metrics: each OpenMetrics file becomes TSDB blocks with
 * {@code promtool tsdb create-blocks-from openmetrics} (Debian's {@code prometheus} package ships both), then one
 * Prometheus serves them all on a free loopback port, scraping nothing, keeping everything. Blocks of different
 * files may overlap in time: Prometheus merges them when it reads.
 */
public final class LocalPrometheus implements AutoCloseable {

    public static final String PROMETHEUS = "prometheus";
    public static final String PROMTOOL = "promtool";
    private static final long START_SECONDS = 60;

    private final Process process;
    private final String url;

    private LocalPrometheus(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    /** The binary that is missing, with what to install; empty when both are there. */
    public static Optional<String> missing() {
        for (String b : List.of(PROMETHEUS, PROMTOOL)) {
            if (which(b).isEmpty()) {
                return Optional.of(b + " is not installed: apt-get install prometheus (it ships prometheus and "
                        + "promtool)");
            }
        }
        return Optional.empty();
    }

    /**
     * Turns one OpenMetrics file into blocks under {@code tsdb}.
     *
     * @throws IllegalArgumentException with promtool's own first error line when it refuses the file
     */
    public static void load(Path openMetrics, Path tsdb) throws IOException, InterruptedException {
        Files.createDirectories(tsdb);
        Process p = new ProcessBuilder(which(PROMTOOL).orElseThrow().toString(), "tsdb", "create-blocks-from",
                "openmetrics", openMetrics.toString(), tsdb.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalArgumentException("promtool did not finish within 120 s");
        }
        if (p.exitValue() != 0) {
            String first = out.lines().filter(l -> l.toLowerCase().contains("error") || l.contains("err="))
                    .findFirst().orElse(out.lines().findFirst().orElse("exit " + p.exitValue())).trim();
            throw new IllegalArgumentException("promtool refused it: " + first);
        }
    }

    /** Starts Prometheus over {@code tsdb}; {@code dir} holds its configuration and log. */
    public static LocalPrometheus serve(Path tsdb, Path dir) throws IOException, InterruptedException {
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, "global: {}\n");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process p = new ProcessBuilder(which(PROMETHEUS).orElseThrow().toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + tsdb, "--storage.tsdb.retention.time=100y",
                "--web.listen-address=127.0.0.1:" + port).redirectErrorStream(true).start();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Deque<String> tail = new ArrayDeque<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    synchronized (tail) {
                        tail.addLast(line);
                        if (tail.size() > 5) {
                            tail.removeFirst();
                        }
                    }
                    if (line.contains("Server is ready to receive web requests")) {
                        ready.complete(null);
                    }
                }
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new IllegalStateException("prometheus exited"));
        }, "local-prometheus-log");
        reader.setDaemon(true);
        reader.start();
        try {
            ready.get(START_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            p.destroyForcibly();
            String log;
            synchronized (tail) {
                log = String.join(" | ", tail);
            }
            throw new IllegalStateException("prometheus did not start within " + START_SECONDS + " s: " + log);
        }
        return new LocalPrometheus(p, "http://127.0.0.1:" + port);
    }

    public String url() {
        return url;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Optional<Path> which(String binary) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : (path + ":/usr/bin:/usr/sbin").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, binary);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
