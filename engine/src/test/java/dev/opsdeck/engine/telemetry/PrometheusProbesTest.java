package dev.opsdeck.engine.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsdeck.engine.Injection;
import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.telemetry.prometheus.PrometheusClient;
import dev.opsdeck.engine.testing.EngineFixture;
import dev.opsdeck.engine.testing.MonitoringStack;
import dev.opsdeck.engine.ticket.Status;
import dev.opsdeck.engine.workflow.Envelope;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The toolset's probes and the offline rules against a real Prometheus scraping a real node_exporter. */
class PrometheusProbesTest {

    static final String HOST = "my-web-01";
    static final String METRICS = """
        node_filesystem_readonly{device="/dev/sdb1",fstype="ext4",mountpoint="/data"} 1
        node_filesystem_readonly{device="/dev/sda1",fstype="ext4",mountpoint="/"} 0
        node_filesystem_avail_bytes{device="/dev/sdb1",fstype="ext4",mountpoint="/data"} 5e9
        node_filesystem_size_bytes{device="/dev/sdb1",fstype="ext4",mountpoint="/data"} 100e9
        node_filesystem_avail_bytes{device="/dev/sda1",fstype="ext4",mountpoint="/"} 60e9
        node_filesystem_size_bytes{device="/dev/sda1",fstype="ext4",mountpoint="/"} 100e9
        node_network_up{device="eth0"} 1
        """;

    @TempDir
    static Path stackDir;
    @TempDir
    Path dir;

    static MonitoringStack stack;
    static MetricProbes metrics;

    @BeforeAll
    static void startTheStack() throws Exception {
        stack = MonitoringStack.start(stackDir, MonitoringStack.Options.metricsOnly(HOST + ":9100"));
        stack.metrics(METRICS);
        stack.awaitQuery("node_filesystem_size_bytes", body -> body.contains("/data"), Duration.ofSeconds(30));
        metrics = new MetricProbes(PrometheusClient.of(stack.prometheusUrl(), Duration.ofSeconds(5)), Toolset.bundled());
    }

    @AfterAll
    static void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aProbe_carriesTheValuesPrometheusHolds_andNamesWhatIsPastItsThreshold() {
        MetricProbes.Answer readOnly = metrics.run("filesystem_readonly", HOST);
        MetricProbes.Answer free = metrics.run("filesystem_free_percent", HOST);

        assertTrue(readOnly.line().contains("mountpoint=/data 1"), readOnly.line());
        assertTrue(readOnly.line().contains("mountpoint=/ 0"), readOnly.line());
        assertTrue(readOnly.line().contains("query: node_filesystem_readonly{instance=~\"my-web-01(:[0-9]+)?\""),
                readOnly.line());
        assertEquals(List.of(new MetricProbes.Fault("filesystem /data on my-web-01 is mounted read-only", "storage", "",
                "filesystem_readonly", false)),
                readOnly.faults());
        assertEquals(List.of(new MetricProbes.Fault("filesystem /data on my-web-01 has only 5% free", "storage", "",
                "filesystem_free_percent", false)),
                free.faults());
        assertEquals(readOnly.faults(), MetricProbes.faults(readOnly.line()), "the line reads back to its faults");
    }

    @Test
    void aProbeWithNoSeries_isNominalNoData() {
        MetricProbes.Answer a = metrics.run("http_5xx_ratio", HOST);
        assertTrue(a.line().startsWith("http_5xx_ratio on my-web-01: no data (query: "), a.line());
        assertEquals(List.of(), a.faults());
    }

    @Test
    void aBadQuery_isToldByPrometheus_inTheReading() {
        Reading r = PrometheusClient.of(stack.prometheusUrl(), Duration.ofSeconds(5)).instant("node_load5{");
        assertTrue(r.failed());
        assertTrue(r.failure().contains("refused the query (HTTP 400): invalid parameter"), r.failure());
    }

    @Test
    void anUnknownSystem_isDiagnosedFromPrometheus_theRcaNamesTheValue_andTheSignOffIsAsked() {
        try (EngineFixture f = new EngineFixture(dir, c -> c.withMetrics(metrics)
                .withSignOffDeadline(Duration.ofMinutes(5)))) {
            String id = f.engine.inject(Injection.custom(HOST, "NodeFilesystemReadOnly", "sev1",
                    "Filesystem /data is read-only")).ticketId();

            List<EngineEvent> events = f.recorder.await(es -> es.stream().anyMatch(
                    e -> e instanceof EngineEvent.SignOffRequested r && r.ticketId().equals(id)), EngineFixture.WAIT);

            Envelope kickoff = events.stream().filter(e -> e instanceof EngineEvent.EnvelopePosted p
                    && p.envelope().sender().equals("TicketBot")).map(e -> ((EngineEvent.EnvelopePosted) e).envelope())
                    .findFirst().orElseThrow();
            assertTrue(kickoff.text().contains("probes for run_metric_probe: network (target_up, network_errors, "
                    + "link_up, conntrack_used_percent"), kickoff::text);
            assertTrue(kickoff.text().contains("storage (filesystem_readonly,"), kickoff::text);
            Envelope triage = posted(events, "Triage", "assign_specialists");
            // The signals are "storage" and "web" (the host's name), never "network": only the probe catalogue says
            // it, and that is no signal. Measured, every specialist looks all the same, to rule the others out.
            assertTrue(triage.line().contains("signals in the report point at storage, web; Prometheus covers "
                    + "my-web-01, so every specialist measures"), triage::line);
            assertEquals(List.of("network", "storage", "web"), triage.toolArgs().get("specialists"));
            Envelope findings = posted(events, "Storage", "submit_findings");
            assertTrue(String.valueOf(findings.toolArgs().get("evidence")).contains("mountpoint=/data 1"),
                    findings::toString);
            Envelope rca = posted(events, "RCA", "submit_rca");
            assertTrue(String.valueOf(rca.toolArgs().get("root_cause"))
                    .contains("storage layer: filesystem /data on my-web-01 is mounted read-only"), rca::toString);
            EngineEvent.SignOffRequested asked = events.stream().filter(e -> e instanceof EngineEvent.SignOffRequested)
                    .map(e -> (EngineEvent.SignOffRequested) e).findFirst().orElseThrow();
            assertTrue(asked.rca().contains("/data"), asked::rca);
        }
    }

    static Envelope posted(List<EngineEvent> events, String sender, String tool) {
        return events.stream().filter(e -> e instanceof EngineEvent.EnvelopePosted p
                        && p.envelope().sender().equals(sender) && java.util.Objects.equals(tool, p.envelope().tool()))
                .map(e -> ((EngineEvent.EnvelopePosted) e).envelope()).findFirst()
                .orElseThrow(() -> new AssertionError(sender + " posted no " + tool));
    }
}
