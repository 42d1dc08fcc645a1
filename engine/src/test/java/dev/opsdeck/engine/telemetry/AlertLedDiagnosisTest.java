package dev.opsdeck.engine.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.engine.alert.AlertPayload;
import dev.opsdeck.engine.alert.AlertPayload.Source;
import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.telemetry.prometheus.PrometheusClient;
import dev.opsdeck.engine.testing.EngineFixture;
import dev.opsdeck.engine.testing.MonitoringStack;
import dev.opsdeck.engine.testing.TmpfsMount;
import dev.opsdeck.engine.ticket.Ticket;
import dev.opsdeck.engine.workflow.Envelope;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert leads the diagnosis, with the real node_exporter and Prometheus: a tmpfs the probes leave out by default
 * is looked at because the alert names it; its own expression is re-run; among several unhealthy filesystems the
 * RCA names the alert's and tells the others apart.
 */
class AlertLedDiagnosisTest {

    static final String HOST = "shm-host";

    @TempDir
    Path dir;

    @Test
    void aFullTmpfsNamedByTheAlert_isLookedAt_andTheRcaNamesItAndItsZeroPercent() throws Exception {
        try (MonitoringStack stack = MonitoringStack.start(dir.resolve("stack"),
                MonitoringStack.Options.metricsOnly(HOST + ":9100").withFilesystems());
                TmpfsMount shm = TmpfsMount.under(dir)) {
            shm.fill();
            String mount = shm.path().toString();
            String expr = "node_filesystem_avail_bytes{fstype=\"tmpfs\",mountpoint=\"" + mount
                    + "\"} / node_filesystem_size_bytes{fstype=\"tmpfs\",mountpoint=\"" + mount + "\"} < 0.1";
            stack.awaitQuery(expr, b -> b.contains("\"result\":[{"), Duration.ofSeconds(30));
            MetricProbes metrics = new MetricProbes(PrometheusClient.of(stack.prometheusUrl(), Duration.ofSeconds(5)),
                    Toolset.bundled());

            // Without the alert the probe leaves tmpfs out, as it always did: the mount is not among its series.
            assertThat(metrics.run("filesystem_free_percent", HOST).line()).doesNotContain(mount);

            try (EngineFixture f = new EngineFixture(dir.resolve("data"), c -> c.withMetrics(metrics)
                    .withSignOffDeadline(Duration.ofMinutes(5)))) {
                String id = f.engine.receiveAlerts(AlertPayload.parse(alert("NodeFilesystemAlmostFull",
                        "\"mountpoint\":\"" + mount + "\",\"fstype\":\"tmpfs\"", expr,
                        "Filesystem " + mount + " is almost full", "https://runbooks.example/fs-full"),
                        Source.ALERTMANAGER)).tickets().get(0);
                List<EngineEvent> events = f.recorder.await(es -> es.stream().anyMatch(
                        e -> e instanceof EngineEvent.SignOffRequested r && r.ticketId().equals(id)),
                        Duration.ofSeconds(60));

                Envelope kickoff = PrometheusProbesTest.posted(events, "TicketBot", null);
                assertThat(kickoff.text()).contains("Runbook: https://runbooks.example/fs-full")
                        .contains("Expression: node_filesystem_avail_bytes");
                // Triage re-ran the alert's own expression first, and says what it gave.
                Envelope triage = PrometheusProbesTest.posted(events, "Triage", "assign_specialists");
                assertThat(triage.line()).contains("Checked first: the alert's expression").contains("it still holds")
                        .contains("mountpoint=" + mount + " 0");
                String evidence = String.valueOf(PrometheusProbesTest.posted(events, "Storage", "submit_findings")
                        .toolArgs().get("evidence"));
                assertThat(evidence).contains("scoped by the alert's mountpoint=" + mount)
                        .contains("mountpoint=" + mount + " 0 [the alert's]")
                        .containsPattern("filesystem_free_percent on [^\\n]*measures what the alert's expression "
                                + "measures")
                        .doesNotContainPattern("filesystem_readonly on [^\\n]*measures what the alert's");
                Ticket t = f.engine.ticket(id).orElseThrow();
                assertThat(t.rca()).contains("storage layer: filesystem " + mount + " on " + HOST
                        + " has only 0% free");
                assertThat(t.confidence()).isEqualTo("high");
            }
        }
    }

    @Test
    void amongSeveralFullFilesystems_theRcaNamesTheAlertsOne_andTheOthersAsSeparate() throws Exception {
        try (MonitoringStack stack = MonitoringStack.start(dir.resolve("stack"),
                MonitoringStack.Options.metricsOnly(HOST + ":9100"))) {
            stack.metrics("""
                node_filesystem_avail_bytes{device="/dev/sdb1",fstype="ext4",mountpoint="/data"} 3e9
                node_filesystem_size_bytes{device="/dev/sdb1",fstype="ext4",mountpoint="/data"} 100e9
                node_filesystem_avail_bytes{device="/dev/sdc1",fstype="ext4",mountpoint="/logs"} 2e9
                node_filesystem_size_bytes{device="/dev/sdc1",fstype="ext4",mountpoint="/logs"} 100e9
                node_filesystem_avail_bytes{device="/dev/sda1",fstype="ext4",mountpoint="/"} 50e9
                node_filesystem_size_bytes{device="/dev/sda1",fstype="ext4",mountpoint="/"} 100e9
                """);
            stack.awaitQuery("node_filesystem_size_bytes", b -> b.contains("/logs"), Duration.ofSeconds(30));
            MetricProbes metrics = new MetricProbes(PrometheusClient.of(stack.prometheusUrl(), Duration.ofSeconds(5)),
                    Toolset.bundled());
            try (EngineFixture f = new EngineFixture(dir.resolve("data"), c -> c.withMetrics(metrics)
                    .withSignOffDeadline(Duration.ofMinutes(5)))) {
                String id = f.engine.receiveAlerts(AlertPayload.parse(alert("NodeFilesystemAlmostFull",
                        "\"mountpoint\":\"/data\",\"device\":\"/dev/sdb1\"",
                        "node_filesystem_avail_bytes / node_filesystem_size_bytes < 0.05", "/data is almost full", ""),
                        Source.ALERTMANAGER)).tickets().get(0);
                f.recorder.await(es -> es.stream().anyMatch(e -> e instanceof EngineEvent.SignOffRequested r
                        && r.ticketId().equals(id)), Duration.ofSeconds(60));
                String rca = f.engine.ticket(id).orElseThrow().rca();
                assertThat(rca).startsWith("Root cause is in the storage layer: filesystem /data on " + HOST
                        + " has only 3% free.");
                assertThat(rca).contains("Separately, not what the alert is about: filesystem /logs on " + HOST
                        + " has only 2% free");
            }
        }
    }

    static String alert(String name, String labels, String expr, String summary, String runbook) {
        String url = "http://prometheus.example:9090/graph?g0.expr=" + URLEncoder.encode(expr, StandardCharsets.UTF_8)
                + "&g0.tab=1";
        return """
            {"version":"4","status":"firing","alerts":[{"status":"firing","labels":{"alertname":"%s",
             "instance":"%s:9100","job":"node","severity":"warning",%s},
             "annotations":{"summary":"%s","description":"free space is under the threshold"%s},
             "startsAt":"%s","endsAt":"","generatorURL":"%s","fingerprint":"fp-%d"}]}"""
                .formatted(name, HOST, labels, summary, runbook.isEmpty() ? "" : ",\"runbook_url\":\"" + runbook + "\"",
                        java.time.Instant.now().minusSeconds(1).toString(), url, System.nanoTime());
    }
}
