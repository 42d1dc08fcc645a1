package dev.opsdeck.engine.telemetry.prometheus;

import static dev.opsdeck.engine.telemetry.prometheus.LocalProcess.which;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

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
    private static final Pattern READY = Pattern.compile("Server is ready to receive web requests");

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
        LocalProcess log = LocalProcess.follow(p, "prometheus", "local-prometheus-log", READY, 5);
        try {
            log.awaitReady(Duration.ofSeconds(START_SECONDS));
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IllegalStateException("prometheus did not start within " + START_SECONDS + " s: "
                    + String.join(" | ", log.tail()));
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
}
