package dev.opsdeck.engine.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.engine.alert.AlertPayload;
import dev.opsdeck.engine.alert.AlertPayload.Source;
import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.flow.Texts;
import dev.opsdeck.engine.event.Outcome;
import dev.opsdeck.engine.telemetry.MetricProbes;
import dev.opsdeck.engine.telemetry.Toolset;
import dev.opsdeck.engine.telemetry.prometheus.PrometheusClient;
import dev.opsdeck.engine.testing.EngineFixture;
import dev.opsdeck.engine.testing.LoopDisk;
import dev.opsdeck.engine.testing.MonitoringStack;
import dev.opsdeck.engine.ticket.ActionRecord;
import dev.opsdeck.engine.ticket.ActionRecord.State;
import dev.opsdeck.engine.ticket.Status;
import dev.opsdeck.engine.ticket.Ticket;
import dev.opsdeck.engine.workflow.Envelope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real ext4 filesystem filled to 0 %, node_exporter and Prometheus watching it, an Alertmanager alert naming it:
 * the operator's verdict decides whether the runbook's command really runs, and the ticket is Resolved only when
 * Prometheus shows the space back.
 */
class RemediationOnARealDiskTest {

    static final String HOST = "disk-host";

    @TempDir
    static Path stackDir;
    @TempDir
    Path dir;

    static MonitoringStack stack;
    static LoopDisk disk;
    static MetricProbes metrics;
    Path filler;

    @BeforeAll
    static void startTheStack() throws Exception {
        stack = MonitoringStack.start(stackDir.resolve("stack"),
                MonitoringStack.Options.metricsOnly(HOST + ":9100").withFilesystems());
        disk = LoopDisk.under(stackDir);
        metrics = new MetricProbes(PrometheusClient.of(stack.prometheusUrl(), Duration.ofSeconds(5)), Toolset.bundled());
    }

    @AfterAll
    static void stopTheStack() throws Exception {
        if (disk != null) {
            disk.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @AfterEach
    void giveTheRoomBack() throws Exception {
        Files.deleteIfExists(filler);
    }

    @Test
    void approved_theCommandRunsOnce_theSpaceComesBack_andTheTicketIsResolvedByTheSignal() throws Exception {
        Path runbook = runbook("['/usr/bin/rm', '-v', '{mountpoint}/fill']", "10s", "0.5", "30s");
        Ticket t = run(runbook, Texts.APPROVE, Duration.ofMinutes(5));

        assertThat(filler).doesNotExist();
        assertThat(t.status()).isEqualTo(Status.RESOLVED);
        ActionRecord a = t.actions().get(0);
        assertThat(a.state()).isEqualTo(State.SUCCEEDED);
        assertThat(a.approvedBy()).isEqualTo("alice");
        assertThat(a.exit()).isZero();
        assertThat(a.output()).contains("removed '" + filler + "'");
        assertThat(a.verified()).isTrue();
        assertThat(a.run()).isEqualTo("/usr/bin/rm -v " + filler);
        assertThat(lastPrompt).as("the words every client shows, the React app's included").contains(
                "Approving runs exactly: free_fill_file [disruptive] /usr/bin/rm -v " + filler);
        assertThat(a.dryRun().exit()).isZero();
        assertThat(a.dryRun().output()).contains(disk.path().toString());
        assertThat(runs(t)).singleElement().satisfies(e -> {
            assertThat(e.sender()).isEqualTo("Runner");
            assertThat(e.toolArgs()).containsEntry("id", "free_fill_file").containsEntry("exit", 0)
                    .containsEntry("verified", true);
        });
    }

    @Test
    void rejected_deferred_orExpired_nothingRuns_andTheFileIsStillThere() throws Exception {
        Path runbook = runbook("['/usr/bin/rm', '-v', '{mountpoint}/fill']", "10s", "0.5", "30s");
        Ticket rejected = run(runbook, Texts.REJECT, Duration.ofMinutes(5));
        assertThat(filler).exists();
        assertThat(rejected.status()).isEqualTo(Status.NEEDS_FOLLOWUP);
        assertThat(rejected.actions()).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(State.NOT_APPROVED);
            assertThat(a.note()).isEqualTo("not run: rejected by alice");
        });
        assertThat(runs(rejected)).isEmpty();

        Ticket deferred = run(runbook, Texts.DEFER, Duration.ofMinutes(5));
        assertThat(filler).exists();
        assertThat(deferred.status()).isEqualTo(Status.PARTIALLY_RESOLVED);

        Ticket expired = run(runbook, null, Duration.ofSeconds(2));
        assertThat(filler).exists();
        assertThat(expired.status()).isEqualTo(Status.NEEDS_FOLLOWUP);
        assertThat(expired.actions().get(0).note()).isEqualTo("not run: the sign-off expired unanswered");
    }

    @Test
    void anActionThatFails_timesOut_orIsNeverVerified_closesNeedsFollowupSayingWhy() throws Exception {
        Ticket failed = run(runbook("['/usr/bin/rm', '{mountpoint}/no-such-file']", "10s", "0.5", "30s"),
                Texts.APPROVE, Duration.ofMinutes(5));
        assertThat(failed.status()).isEqualTo(Status.NEEDS_FOLLOWUP);
        assertThat(failed.actions().get(0).state()).isEqualTo(State.FAILED);
        assertThat(last(failed)).contains("free_fill_file failed: exit 1: /usr/bin/rm: cannot remove");

        Ticket slow = run(runbook("['/usr/bin/sleep', '30']", "1s", "0.5", "30s"), Texts.APPROVE,
                Duration.ofMinutes(5));
        assertThat(slow.status()).isEqualTo(Status.NEEDS_FOLLOWUP);
        assertThat(last(slow)).contains("free_fill_file failed: timed out after 1s, process tree killed");

        Ticket unverified = run(runbook("['/usr/bin/true', '{mountpoint}']", "10s", "0.5", "3s"), Texts.APPROVE,
                Duration.ofMinutes(5));
        assertThat(filler).exists();
        assertThat(unverified.status()).isEqualTo(Status.NEEDS_FOLLOWUP);
        assertThat(unverified.actions().get(0).verified()).isFalse();
        assertThat(last(unverified)).contains("its verification never held: still firing after 3s");
    }

    /** Fills the disk, waits for Prometheus to see it full, raises the alert, answers, and returns the closed ticket. */
    private Ticket run(Path runbook, String decision, Duration deadline) throws Exception {
        if (filler == null || !Files.exists(filler)) {
            filler = disk.fill("fill");
        }
        String m = "{mountpoint=\"" + disk.path() + "\"}";
        stack.awaitQuery("node_filesystem_avail_bytes" + m + " / node_filesystem_size_bytes" + m + " < 0.02",
                b -> b.contains("\"result\":[{"), Duration.ofSeconds(30));
        try (EngineFixture f = new EngineFixture(dir.resolve("data-" + System.nanoTime()), c -> c.withMetrics(metrics)
                .withRunbook(RunbookLoader.load(runbook)).withSignOffDeadline(deadline))) {
            f.recorder.onEach(p -> {
                if (p.event() instanceof EngineEvent.SignOffRequested r) {
                    lastPrompt = r.prompt();
                }
                if (decision != null && p.event() instanceof EngineEvent.SignOffRequested r) {
                    assertThat(r.actions()).extracting(ActionRecord::id).containsExactly("free_fill_file");
                    f.engine.answer(r.channelId(), Outcome.read(decision).orElseThrow(), "", "alice");
                }
            });
            String id = f.engine.receiveAlerts(AlertPayload.parse("""
                    {"version":"4","status":"firing","alerts":[{"status":"firing","labels":{
                     "alertname":"NodeFilesystemAlmostFull","instance":"%s:9100","mountpoint":"%s","severity":"warning"},
                     "annotations":{"summary":"%s is full"},"startsAt":"2026-12-07T02:00:00Z","endsAt":"",
                     "fingerprint":"fp-%d"}]}""".formatted(HOST, disk.path(), disk.path(), System.nanoTime()),
                    Source.ALERTMANAGER)).tickets().get(0);
            f.recorder.awaitTerminal(id, Duration.ofSeconds(60));
            Ticket t = f.engine.ticket(id).orElseThrow();
            lastJournal = f.engine.journal(id + ".remediation");
            return t;
        }
    }

    private List<Envelope> lastJournal;
    private volatile String lastPrompt;

    private List<Envelope> runs(Ticket t) {
        return lastJournal.stream().filter(e -> "run_action".equals(e.tool())).toList();
    }

    private static String last(Ticket t) {
        return t.history().get(t.history().size() - 1);
    }

    private Path runbook(String command, String timeout, String freeRatio, String within) throws Exception {
        Path f = dir.resolve("runbook-" + System.nanoTime() + ".yaml");
        Files.writeString(f, """
                version: 1
                actions:
                  - id: free_fill_file
                    title: Remove the fill file on the full filesystem
                    risk: disruptive
                    match: {alertname: [NodeFilesystemAlmostFull]}
                    params:
                      mountpoint: {from: alert.labels.mountpoint, pattern: '^/[A-Za-z0-9._/-]+$'}
                    run: {command: %s, timeout: %s}
                    dry_run: {command: ['/usr/bin/du', '-sh', '{mountpoint}']}
                    verify:
                      promql: 'node_filesystem_avail_bytes{mountpoint="{mountpoint}"} / node_filesystem_size_bytes{mountpoint="{mountpoint}"} > %s'
                      within: %s
                """.formatted(command, timeout, freeRatio, within));
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        return f;
    }
}
