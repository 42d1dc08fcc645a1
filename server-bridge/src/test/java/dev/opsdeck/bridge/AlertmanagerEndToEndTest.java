package dev.opsdeck.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.event.Subscription;
import dev.opsdeck.engine.telemetry.MetricProbes;
import dev.opsdeck.engine.telemetry.Toolset;
import dev.opsdeck.engine.telemetry.prometheus.PrometheusClient;
import dev.opsdeck.engine.testing.MonitoringStack;
import dev.opsdeck.engine.ticket.Ticket;
import dev.opsdeck.engine.workflow.Envelope;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path with the real components: node_exporter's textfile collector says /data is read-only, Prometheus
 * scrapes it and fires a rule, Alertmanager posts to OpsDeck's hook with the token, a ticket opens, the Storage
 * specialist's evidence carries the value Prometheus holds, RCA names it, and the operator's sign-off is asked.
 * Then the filesystem recovers and the resolution lands on the same ticket.
 */
class AlertmanagerEndToEndTest {

    static final String TOKEN = "am-token";
    static final Duration WAIT = Duration.ofSeconds(90);
    static final String RULES = """
        groups:
          - name: opsdeck-test
            rules:
              - alert: NodeFilesystemReadOnly
                expr: node_filesystem_readonly{fstype!~"tmpfs"} == 1
                labels: {severity: critical}
                annotations:
                  summary: "Filesystem {{ $labels.mountpoint }} on {{ $labels.instance }} is read-only"
        """;
    static final String HEALTHY = """
        node_filesystem_readonly{device="/dev/sdb1",fstype="ext4",mountpoint="/data"} 0
        node_filesystem_avail_bytes{device="/dev/sdb1",fstype="ext4",mountpoint="/data"} 40e9
        node_filesystem_size_bytes{device="/dev/sdb1",fstype="ext4",mountpoint="/data"} 100e9
        """;

    @TempDir
    Path dir;

    @Test
    void aFiringRule_opensATicket_diagnosedFromPrometheus_andItsResolutionIsNoted() throws Exception {
        int hooksPort = MonitoringStack.freePort();
        try (MonitoringStack stack = MonitoringStack.start(dir.resolve("stack"), new MonitoringStack.Options(
                "my-web-01:9100", RULES, "http://127.0.0.1:" + hooksPort + "/hooks/alertmanager", TOKEN))) {
            stack.metrics(HEALTHY);
            MetricProbes metrics = new MetricProbes(PrometheusClient.of(stack.prometheusUrl(), Duration.ofSeconds(5)),
                    Toolset.bundled());
            try (TestBridge t = TestBridge.start(dir.resolve("data"),
                    c -> c.withMetrics(metrics).withSignOffDeadline(Duration.ofMinutes(10)),
                    b -> b.withToken(TOKEN).withHooksPort(hooksPort))) {
                dev.opsdeck.engine.testing.Recorder events = new dev.opsdeck.engine.testing.Recorder();
                try (Subscription s = t.engine.subscribe("e2e", true, tickets -> { }, events)) {
                    stack.metrics(HEALTHY.replace("mountpoint=\"/data\"} 0", "mountpoint=\"/data\"} 1"));

                    List<EngineEvent> seen = events.await(es -> es.stream().anyMatch(
                            e -> e instanceof EngineEvent.SignOffRequested), WAIT);

                    Ticket opened = seen.stream().filter(e -> e instanceof EngineEvent.TicketCreated)
                            .map(e -> ((EngineEvent.TicketCreated) e).ticket()).findFirst().orElseThrow();
                    assertThat(opened.system()).isEqualTo("my-web-01");
                    assertThat(opened.issue()).isEqualTo("NodeFilesystemReadOnly");
                    assertThat(opened.sev()).isEqualTo("sev1");
                    assertThat(opened.alert().source()).isEqualTo("alertmanager");
                    assertThat(opened.alert().labels()).containsEntry("mountpoint", "/data")
                            .containsEntry("instance", "my-web-01:9100");
                    assertThat(opened.alert().generatorUrl()).contains("/graph?g0.expr=node_filesystem_readonly");
                    assertThat(opened.alert().fingerprint()).isNotBlank();

                    Envelope findings = posted(seen, "Storage", "submit_findings");
                    assertThat(String.valueOf(findings.toolArgs().get("evidence")))
                            .contains("filesystem_readonly on my-web-01: device=/dev/sdb1,fstype=ext4,mountpoint=/data 1 ")
                            .contains("mountpoint=/data 40 [the alert's] (threshold < 10;")
                            .contains("scoped by the alert's mountpoint=/data");
                    Envelope rca = posted(seen, "RCA", "submit_rca");
                    assertThat(String.valueOf(rca.toolArgs().get("root_cause")))
                            .contains("filesystem /data on my-web-01 is mounted read-only");
                    EngineEvent.SignOffRequested asked = seen.stream()
                            .filter(e -> e instanceof EngineEvent.SignOffRequested)
                            .map(e -> (EngineEvent.SignOffRequested) e).findFirst().orElseThrow();
                    assertThat(asked.ticketId()).isEqualTo(opened.id());

                    stack.metrics(HEALTHY);
                    events.await(es -> t.engine.ticket(opened.id()).orElseThrow().history().stream()
                            .anyMatch(l -> l.startsWith("alert resolved at ")), WAIT);
                    assertThat(t.engine.tickets()).hasSize(1);
                }
            }
        }
    }

    static Envelope posted(List<EngineEvent> events, String sender, String tool) {
        return events.stream().filter(e -> e instanceof EngineEvent.EnvelopePosted p
                        && p.envelope().sender().equals(sender) && tool.equals(p.envelope().tool()))
                .map(e -> ((EngineEvent.EnvelopePosted) e).envelope()).findFirst()
                .orElseThrow(() -> new AssertionError(sender + " posted no " + tool));
    }
}
