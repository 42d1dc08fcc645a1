package dev.opsdeck.engine.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.engine.alert.AlertPayload;
import dev.opsdeck.engine.alert.AlertPayload.Source;
import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.flow.Texts;
import dev.opsdeck.engine.testing.EngineFixture;
import dev.opsdeck.engine.ticket.ActionRecord.State;
import dev.opsdeck.engine.ticket.Status;
import dev.opsdeck.engine.ticket.Ticket;
import dev.opsdeck.engine.workflow.Envelope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An approval is of exactly what was shown; a value that fails its pattern is never shown at all. */
class ApprovalBindingTest {

    @TempDir
    Path dir;

    @Test
    void anActionChangedBetweenTheRequestAndTheApproval_runsNothing_andTheTicketSaysWhy() throws Exception {
        Path marker = dir.resolve("ran");
        Path runbook = runbook("['/usr/bin/touch', '" + marker + "-{mountpoint_name}']");
        String id;
        String channel;
        try (EngineFixture f = new EngineFixture(dir.resolve("data"), c -> c.withRunbook(RunbookLoader.load(runbook)))) {
            id = f.engine.receiveAlerts(alert("data")).tickets().get(0);
            channel = f.recorder.await(es -> es.stream().anyMatch(EngineEvent.SignOffRequested.class::isInstance),
                    EngineFixture.WAIT).stream().filter(EngineEvent.SignOffRequested.class::isInstance)
                    .map(e -> ((EngineEvent.SignOffRequested) e).channelId()).findFirst().orElseThrow();
        }
        // The runbook is edited while the sign-off waits, and the server restarted with it.
        Path edited = runbook("['/usr/bin/touch', '" + marker + "-other-{mountpoint_name}']");
        Files.move(edited, runbook, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (EngineFixture f = new EngineFixture(dir.resolve("data"), c -> c.withRunbook(RunbookLoader.load(runbook)))) {
            f.recorder.await(es -> es.stream().anyMatch(EngineEvent.SignOffRequested.class::isInstance),
                    EngineFixture.WAIT);
            assertThat(f.engine.answer(channel, Texts.APPROVE, "alice").accepted()).isTrue();
            f.recorder.awaitTerminal(id, EngineFixture.WAIT);
            Ticket t = f.engine.ticket(id).orElseThrow();

            assertThat(t.status()).isEqualTo(Status.NEEDS_FOLLOWUP);
            assertThat(t.actions()).singleElement().satisfies(a -> {
                assertThat(a.state()).isEqualTo(State.SKIPPED);
                assertThat(a.approvedBy()).isEqualTo("alice");
                assertThat(a.note()).startsWith("not run: touch_marker it differs from what was approved (now: "
                        + "/usr/bin/touch " + marker + "-other-data)");
            });
            assertThat(Files.list(dir).filter(p -> p.getFileName().toString().startsWith("ran"))).isEmpty();
        }
    }

    @Test
    void aValueFailingItsPattern_isNotProposed_andTheJournalSaysWhichParameterAndWhy() throws Exception {
        Path runbook = runbook("['/usr/bin/touch', '" + dir.resolve("x") + "-{mountpoint_name}']");
        try (EngineFixture f = new EngineFixture(dir.resolve("data"), c -> c.withRunbook(RunbookLoader.load(runbook))
                .withSignOffDeadline(Duration.ofSeconds(1)))) {
            String id = f.engine.receiveAlerts(alert("data; rm -rf")).tickets().get(0);
            f.recorder.awaitTerminal(id, EngineFixture.WAIT);
            List<Envelope> journal = f.engine.journal(id + ".remediation");
            Envelope proposed = journal.stream().filter(e -> "propose_actions".equals(e.tool())).findFirst().orElseThrow();
            assertThat(proposed.toolArgs().get("actions")).isEqualTo(List.of());
            assertThat(proposed.toolArgs().get("not_proposed")).isEqualTo(List.of("action touch_marker not proposed: "
                    + "parameter 'mountpoint_name': the value 'data; rm -rf' does not match ^[a-z]+$"));
            assertThat(f.engine.ticket(id).orElseThrow().actions()).isEmpty();
        }
    }

    /** An alert on a system the bundled world simulates, so its diagnosis recommends without a Prometheus. */
    private static List<dev.opsdeck.engine.alert.AlertNotice> alert(String name) {
        return AlertPayload.parse("""
                {"version":"4","status":"firing","alerts":[{"status":"firing","labels":{"alertname":"web_5xx",
                 "instance":"web-edge-01:9100","name":"%s","severity":"warning"},"annotations":{},
                 "startsAt":"2026-12-07T02:00:00Z","endsAt":"","fingerprint":"fp-1"}]}""".formatted(name),
                Source.ALERTMANAGER);
    }

    private Path runbook(String command) throws Exception {
        Path f = Files.createTempFile(dir, "runbook", ".yaml");
        Files.writeString(f, """
                version: 1
                actions:
                  - id: touch_marker
                    title: Touch a marker
                    risk: disruptive
                    match: {alertname: [web_5xx]}
                    params:
                      mountpoint_name: {from: alert.labels.name, pattern: '^[a-z]+$'}
                    run: {command: %s}
                """.formatted(command));
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        return f;
    }
}
