package dev.opsdeck.engine.testing;

import static dev.opsdeck.engine.telemetry.prometheus.LocalProcess.which;

import dev.opsdeck.engine.telemetry.prometheus.LocalProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The real monitoring stack, from the Debian packages {@code prometheus-node-exporter}, {@code prometheus} and
 * {@code prometheus-alertmanager}, each on a free loopback port with its own directory under the test's. The test
 * sets metrics through node_exporter's textfile collector; Prometheus scrapes it every second under the instance
 * name the test chose, evaluates the test's rules every second and, when asked to, sends its alerts to an
 * Alertmanager that posts them to a webhook. Each process counts as started when it logs that it listens.
 *
 * <p>Without the binaries the tests are skipped saying which package is missing; with
 * {@code OPSDECK_REQUIRE_MONITORING=1} (CI sets it) they fail instead, so CI can never skip them silently.
 */
public final class MonitoringStack implements AutoCloseable {

    public static final String NODE_EXPORTER = "prometheus-node-exporter";
    public static final String PROMETHEUS = "prometheus";
    public static final String ALERTMANAGER = "prometheus-alertmanager";
    private static final Duration START = Duration.ofSeconds(60);

    /** What to start: the name Prometheus gives the scraped host, its rules, and where Alertmanager posts. */
    public record Options(String instance, String rules, String webhookUrl, String webhookToken, boolean filesystems) {
        public Options(String instance, String rules, String webhookUrl, String webhookToken) {
            this(instance, rules, webhookUrl, webhookToken, false);
        }

        public static Options metricsOnly(String instance) {
            return new Options(instance, null, null, null);
        }

        /** node_exporter's filesystem collector on as well: this machine's real mounts, a test's disk among them. */
        public Options withFilesystems() {
            return new Options(instance, rules, webhookUrl, webhookToken, true);
        }
    }

    private final List<Process> processes = new ArrayList<>();
    private final Path textfiles;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String prometheusUrl;
    private String alertmanagerUrl;

    private MonitoringStack(Path textfiles) {
        this.textfiles = textfiles;
    }

    /** Skips the calling test (or fails it, under {@code OPSDECK_REQUIRE_MONITORING}) when a binary is missing. */
    public static void assumeInstalled() {
        Optional<String> missing = missing();
        if (missing.isPresent()) {
            String reason = missing.get() + " is not installed: apt-get install prometheus prometheus-alertmanager "
                    + "prometheus-node-exporter";
            if (System.getenv("OPSDECK_REQUIRE_MONITORING") != null) {
                Assertions.fail(reason + " (OPSDECK_REQUIRE_MONITORING is set: CI must run this test)");
            }
            Assumptions.assumeTrue(false, reason);
        }
    }

    static Optional<String> missing() {
        for (String binary : List.of(NODE_EXPORTER, PROMETHEUS, ALERTMANAGER)) {
            if (which(binary).isEmpty()) {
                return Optional.of(binary);
            }
        }
        return Optional.empty();
    }

    public static MonitoringStack start(Path dir, Options o) throws IOException {
        assumeInstalled();
        Path textfiles = Files.createDirectories(dir.resolve("textfile"));
        MonitoringStack s = new MonitoringStack(textfiles);
        try {
            s.boot(dir, o);
        } catch (RuntimeException | IOException e) {
            s.close();
            throw e;
        }
        return s;
    }

    private void boot(Path dir, Options o) throws IOException {
        int exporter = freePort();
        List<String> exporterArgs = new ArrayList<>(List.of(which(NODE_EXPORTER).orElseThrow().toString(),
                "--web.listen-address=127.0.0.1:" + exporter, "--collector.disable-defaults", "--collector.textfile",
                "--collector.textfile.directory=" + textfiles));
        if (o.filesystems()) {
            exporterArgs.add("--collector.filesystem");
        }
        run(dir, "node_exporter", Pattern.compile("msg=\"?Listening"), exporterArgs.toArray(String[]::new));
        StringBuilder prom = new StringBuilder("global: {scrape_interval: 1s, evaluation_interval: 1s}\n");
        if (o.webhookUrl() != null) {
            int am = freePort();
            Path amDir = Files.createDirectories(dir.resolve("alertmanager"));
            Path amConfig = amDir.resolve("alertmanager.yml");
            String auth = o.webhookToken() == null ? "" : "        http_config:\n          authorization:\n"
                    + "            credentials: \"" + o.webhookToken() + "\"\n";
            Files.writeString(amConfig, "route:\n  receiver: opsdeck\n  group_by: [alertname, instance]\n"
                    + "  group_wait: 0s\n  group_interval: 1s\n  repeat_interval: 1h\n"
                    + "receivers:\n  - name: opsdeck\n    webhook_configs:\n      - url: \"" + o.webhookUrl() + "\"\n"
                    + "        send_resolved: true\n" + auth);
            run(dir, "alertmanager", Pattern.compile("msg=\"?Listening"), which(ALERTMANAGER).orElseThrow().toString(),
                    "--config.file=" + amConfig, "--storage.path=" + amDir.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + am, "--cluster.listen-address=");
            alertmanagerUrl = "http://127.0.0.1:" + am;
            prom.append("alerting:\n  alertmanagers: [{static_configs: [{targets: [\"127.0.0.1:").append(am)
                    .append("\"]}]}]\n");
        }
        if (o.rules() != null) {
            Path rules = dir.resolve("rules.yml");
            Files.writeString(rules, o.rules());
            prom.append("rule_files: [\"").append(rules).append("\"]\n");
        }
        prom.append("""
            scrape_configs:
              - job_name: node
                static_configs: [{targets: ["127.0.0.1:%d"]}]
                relabel_configs:
                  - target_label: instance
                    replacement: "%s"
            """.formatted(exporter, o.instance()));
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, prom);
        int port = freePort();
        run(dir, "prometheus", Pattern.compile("Server is ready to receive web requests"),
                which(PROMETHEUS).orElseThrow().toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port);
        prometheusUrl = "http://127.0.0.1:" + port;
    }

    /** Replaces every metric the textfile collector serves, at once (a rename, so a scrape never sees half). */
    public void metrics(String exposition) {
        try {
            Path tmp = textfiles.resolve("opsdeck.prom.tmp");
            Files.writeString(tmp, exposition);
            Files.move(tmp, textfiles.resolve("opsdeck.prom"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String prometheusUrl() {
        return prometheusUrl;
    }

    public String alertmanagerUrl() {
        return alertmanagerUrl;
    }

    /**
     * Waits until Prometheus' answer to {@code promql} satisfies {@code done}: the scrape happens on Prometheus'
     * own clock, so the test asks until it has, within {@code timeout}, and fails with the last answer.
     */
    public String awaitQuery(String promql, Predicate<String> done, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < end) {
            try {
                last = http.send(HttpRequest.newBuilder(URI.create(prometheusUrl + "/api/v1/query?query="
                        + java.net.URLEncoder.encode(promql, StandardCharsets.UTF_8))).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                if (done.test(last)) {
                    return last;
                }
            } catch (IOException e) {
                last = e.toString();
            }
            // Prometheus scrapes every second: asking again sooner would only repeat the same answer.
            TimeUnit.MILLISECONDS.sleep(250);
        }
        throw new AssertionError("Prometheus never answered " + promql + " as expected within " + timeout
                + "; last answer: " + last);
    }

    private void run(Path dir, String name, Pattern ready, String... command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        Process p = pb.start();
        processes.add(p);
        LocalProcess log = LocalProcess.follow(p, name, "monitoring-" + name, ready, 20);
        try {
            log.awaitReady(START);
        } catch (Exception e) {
            throw new IllegalStateException(name + " did not start: " + e.getMessage() + "\n  "
                    + String.join("\n  ", log.tail()));
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            p.destroy();
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
