package dev.opsdeck.engine.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsdeck.engine.Injection;
import dev.opsdeck.engine.telemetry.prometheus.PrometheusClient;
import dev.opsdeck.engine.testing.EngineFixture;
import dev.opsdeck.engine.testing.MonitoringStack;
import dev.opsdeck.engine.ticket.Status;
import dev.opsdeck.engine.ticket.Ticket;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prometheus down, silent, or answering nonsense: the probe says so, the turn goes on, nothing hangs. */
class PrometheusFailuresTest {

    @TempDir
    Path dir;

    @Test
    void prometheusDown_isAReadingThatSaysSo() throws Exception {
        int port = MonitoringStack.freePort();
        Reading r = PrometheusClient.of("http://127.0.0.1:" + port, Duration.ofSeconds(2)).instant("up");
        assertTrue(r.failed());
        assertTrue(r.failure().startsWith("Prometheus at http://127.0.0.1:" + port + " is unreachable"), r.failure());
    }

    @Test
    void aPrometheusThatNeverAnswers_timesOutWithinItsTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            List<Socket> held = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept()); // accepted and never answered
                    }
                } catch (java.io.IOException e) {
                    // the test closed the socket
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            PrometheusClient client = PrometheusClient.of("http://127.0.0.1:" + silent.getLocalPort(),
                    Duration.ofMillis(300));
            Reading r = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> client.instant("up"));
            assertTrue(r.failed());
            assertEquals("Prometheus at http://127.0.0.1:" + silent.getLocalPort() + " did not answer within 300 ms",
                    r.failure());
        }
    }

    @Test
    void aDiagnosisWithoutEvidence_endsNeedsFollowup_withAHistoryLineNamingTheCause() throws Exception {
        int port = MonitoringStack.freePort();
        MetricProbes down = new MetricProbes(PrometheusClient.of("http://127.0.0.1:" + port, Duration.ofSeconds(2)),
                Toolset.bundled());
        try (EngineFixture f = new EngineFixture(dir, c -> c.withMetrics(down))) {
            String id = f.engine.inject(Injection.custom("my-web-01", "web_5xx", "sev2", "")).ticketId();
            f.recorder.awaitTerminal(id, EngineFixture.WAIT);
            Ticket t = f.engine.ticket(id).orElseThrow();
            assertEquals(Status.NEEDS_FOLLOWUP, t.status());
            assertTrue(t.history().stream().anyMatch(
                    l -> l.startsWith("no telemetry: Prometheus at http://127.0.0.1:" + port + " is unreachable")),
                    t.history()::toString);
            // Nothing was measured, so nothing is ruled out: the RCA says so rather than clear the layers.
            assertTrue(t.rca().startsWith("No root cause found: no probe on my-web-01 measured a value past its "
                    + "threshold; ruled out nothing; not measured: network (target_up no reading"), t::rca);
        }
    }

    @Test
    void aToolsetThatCannotWork_isRefusedSayingWhereAndWhy() throws Exception {
        Path file = dir.resolve("bad.json");
        java.nio.file.Files.writeString(file, """
            {"probes":[{"name":"x","domain":"storage","query":"up","above":0,"anomaly":"a"}]}""");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Toolset.load(file));
        assertEquals("toolset " + file + ": probes[0] (x): query must contain {host}", e.getMessage());
    }

    @Test
    void aProbeThatExplainsAnUnknownProbe_isRefusedSayingWhich() throws Exception {
        Path file = dir.resolve("typo.json");
        java.nio.file.Files.writeString(file, """
            {"probes":[{"name":"x","domain":"storage","query":"up{instance=\\"{host}\\"}","above":0,"anomaly":"a",
             "explains":["http_5xx_rate"]}]}""");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Toolset.load(file));
        assertEquals("toolset " + file + ": probes[0] (x): explains 'http_5xx_rate', which is no probe of this toolset",
                e.getMessage());
    }
}
