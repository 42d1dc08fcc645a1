package dev.opsdeck.engine.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.flow.Texts;
import java.time.Duration;
import dev.opsdeck.engine.testing.CrashableEngine;
import dev.opsdeck.engine.testing.EngineFixture;
import dev.opsdeck.engine.testing.PostgresServer;
import dev.opsdeck.engine.runbook.RunbookLoader;
import dev.opsdeck.engine.ticket.ActionRecord;
import dev.opsdeck.engine.ticket.Status;
import dev.opsdeck.engine.ticket.Ticket;
import dev.opsdeck.engine.workflow.Envelope;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real {@code kill -9} mid-flow: another JVM runs an incident on the data dir until a chosen point and is killed
 * there; a new engine on the same SQLite file finds every ticket, resumes the flow from its journal, and goes on
 * numbering.
 */
class CrashRecoveryTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "killed while {0} is thinking")
    @ValueSource(strings = {"RCA", "Storage", "Resolver", "signoff"})
    void aFlowKilledMidWay_isResumedFromItsJournal_andNothingIsLost(String stallAt) throws Exception {
        String ticketId = runAndKill(stallAt);
        try (EngineFixture f = new EngineFixture(dir, c -> c).answering(Texts.APPROVE)) {
            f.recorder.awaitTerminal(ticketId, EngineFixture.WAIT);
            Ticket t = f.engine.ticket(ticketId).orElseThrow();
            assertThat(t.status()).isEqualTo(Status.RESOLVED);
            assertThat(t.history()).containsExactly("created · Diagnosing", "Remediation_Recommended · 4 step(s)",
                    "Remediating · stage-2 workflow spawned",
                    // killed at the Resolver, the first engine had its answer already
                    "sign-off approved by " + (stallAt.equals("Resolver") ? "crash-test" : "test"),
                    "Resolved · stage-2 complete");
            assertEverySenderPostedOnce(f.engine.journal(ticketId + ".diagnosis"));
            assertEverySenderPostedOnce(f.engine.journal(ticketId + ".remediation"));
            assertThat(f.inject("net_unreachable")).as("ids go on").isEqualTo("INC-008");
        }
    }

    @Test
    void aSignOffPendingAtTheCrash_isAskedAgainWithItsOriginalDeadline() throws Exception {
        String ticketId = runAndKill("signoff");
        try (EngineFixture f = new EngineFixture(dir, c -> c)) {
            List<EngineEvent> seen = f.recorder.await(es -> es.stream()
                    .anyMatch(EngineEvent.SignOffRequested.class::isInstance), EngineFixture.WAIT);
            EngineEvent.SignOffRequested asked = seen.stream().filter(EngineEvent.SignOffRequested.class::isInstance)
                    .map(EngineEvent.SignOffRequested.class::cast).findFirst().orElseThrow();
            Ticket before = f.engine.ticket(ticketId).orElseThrow();
            assertThat(before.needsHuman()).isTrue();
            assertThat(asked.deadline()).isCloseTo(before.createdAt() + 300, org.assertj.core.data.Offset.offset(5.0));
            assertThat(f.engine.answer(asked.channelId(), Texts.REJECT, "test").accepted()).isTrue();
            f.recorder.awaitTerminal(ticketId, EngineFixture.WAIT);
            assertThat(f.engine.ticket(ticketId).orElseThrow().status()).isEqualTo(Status.NEEDS_FOLLOWUP);
        }
    }

    @Test
    void anActionRunningAtTheCrash_isNeverRunAgain_andTheTicketSaysItsOutcomeIsUnknown() throws Exception {
        Path runs = dir.resolve("runs.log");
        Path runbook = restartRunbook(runs);
        String ticketId = runAndKill("action", runbook.toString(), () -> lines(runs) == 1);

        try (EngineFixture f = new EngineFixture(dir, c -> c.withRunbook(RunbookLoader.load(runbook)))
                .answering(Texts.APPROVE)) {
            f.recorder.awaitTerminal(ticketId, EngineFixture.WAIT);
            Ticket t = f.engine.ticket(ticketId).orElseThrow();
            assertThat(t.status()).isEqualTo(Status.NEEDS_FOLLOWUP);
            assertThat(t.actions()).singleElement().satisfies(a -> {
                assertThat(a.state()).isEqualTo(ActionRecord.State.UNKNOWN);
                assertThat(a.approvedBy()).isEqualTo("crash-test");
                assertThat(a.note()).contains("outcome unknown").contains("not run again");
            });
            assertThat(t.history().get(t.history().size() - 1)).contains("the outcome of restart_orders is unknown");
            assertThat(f.engine.journal(ticketId + ".remediation")).filteredOn(e -> "run_action".equals(e.tool()))
                    .singleElement().satisfies(e -> assertThat(e.line()).contains("outcome unknown"));
            assertThat(lines(runs)).as("the action ran once, before the crash, and never again").isEqualTo(1);
        }
    }

    @Test
    void anActionRunningWhenItsServerDies_isNotRunAgainByTheServerTakingOver() throws Exception {
        String db = PostgresServer.shared().newDatabase();
        Path runs = dir.resolve("runs.log");
        Path runbook = restartRunbook(runs);
        try (EngineFixture b = new EngineFixture(dir.resolve("b"), c -> c.withDatabase(db)
                .withRunbook(RunbookLoader.load(runbook)))) {
            String ticketId = runAndKill("action", runbook.toString() + "\u0000" + db, () -> lines(runs) == 1);

            b.recorder.awaitTerminal(ticketId, EngineFixture.WAIT);
            Ticket t = b.engine.ticket(ticketId).orElseThrow();
            assertThat(t.status()).isEqualTo(Status.NEEDS_FOLLOWUP);
            assertThat(t.actions()).singleElement().satisfies(a -> {
                assertThat(a.state()).isEqualTo(ActionRecord.State.UNKNOWN);
                assertThat(a.note()).contains("not run again");
            });
            assertThat(lines(runs)).as("run once, by the server that died").isEqualTo(1);
        }
    }

    @Test
    void aServerDyingBetweenRounds_isTakenOverOnTheNewRound_withTheFeedbackStillApplied() throws Exception {
        String db = PostgresServer.shared().newDatabase();
        try (EngineFixture b = new EngineFixture(dir.resolve("b"), c -> c.withDatabase(db))) {
            String ticketId = runAndKill("changes", db, () -> true);

            // B hears the team's events (the first round's request among them); the second round's is asked by B.
            String second = ticketId + ".remediation-r2";
            EngineEvent.SignOffRequested asked = b.recorder.await(es -> es.stream().anyMatch(
                    e -> e instanceof EngineEvent.SignOffRequested r && r.channelId().equals(second)),
                    Duration.ofSeconds(90)).stream().filter(e -> e instanceof EngineEvent.SignOffRequested r
                    && r.channelId().equals(second)).map(EngineEvent.SignOffRequested.class::cast).findFirst()
                    .orElseThrow();
            assertThat(asked.actions()).extracting(ActionRecord::id).containsExactly("sim_raise_proxy_timeout");
            assertThat(b.engine.answer(asked.channelId(), Texts.APPROVE, "bob").accepted()).isTrue();
            b.recorder.awaitTerminal(ticketId, EngineFixture.WAIT);
            Ticket t = b.engine.ticket(ticketId).orElseThrow();
            assertThat(t.status()).isEqualTo(Status.RESOLVED);
            assertThat(t.history()).contains("changes requested by alice: not api-gateway-02: it is in maintenance");
            assertEverySenderPostedOnce(b.engine.journal(asked.channelId()));
        }
    }

    private Path restartRunbook(Path runs) throws java.io.IOException {
        Path script = dir.resolve("restart-orders.sh");
        Files.writeString(script, "#!/bin/sh\necho ran >> \"$1\"\nexec sleep 60\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Path runbook = dir.resolve("runbook.yaml");
        Files.writeString(runbook, """
                version: 1
                actions:
                  - id: restart_orders
                    title: Restart orders-svc
                    risk: disruptive
                    match: {issue: [web_5xx]}
                    run: {command: ['%s', '%s'], timeout: 90s}
                """.formatted(script, runs));
        return runbook;
    }

    private static long lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file).size() : 0;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void assertEverySenderPostedOnce(List<Envelope> journal) {
        // Every agent speaks once; the runner once a step, and never twice for one action.
        assertThat(journal).extracting(Envelope::sender).filteredOn(s -> !s.equals("Runner")).doesNotHaveDuplicates();
        assertThat(journal).filteredOn(e -> "run_action".equals(e.tool())).extracting(e -> e.toolArgs().get("id"))
                .doesNotHaveDuplicates();
        for (int i = 0; i < journal.size(); i++) {
            assertThat(journal.get(i).n()).isEqualTo(i + 1);
        }
    }

    private String runAndKill(String stallAt) throws Exception {
        return runAndKill(stallAt, "", () -> true);
    }

    /** Runs the crashable engine until it stalls and {@code ready} holds, then kills it (-9). */
    private String runAndKill(String stallAt, String arg, java.util.function.BooleanSupplier ready) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=error", CrashableEngine.class.getName(), dir.toString(), stallAt)
                .redirectErrorStream(true);
        pb.command().addAll(List.of(arg.split("\u0000")));
        Process p = pb.start();
        // An engine that never stalls must fail the test, not hang it.
        CompletableFuture.delayedExecutor(90, TimeUnit.SECONDS).execute(p::destroyForcibly);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("STALLED ")) {
                    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                    while (!ready.getAsBoolean()) {
                        assertThat(System.nanoTime()).as("ready before the kill").isLessThan(end);
                        TimeUnit.MILLISECONDS.sleep(20); // a file another process writes: nothing to wait on but it
                    }
                    p.destroyForcibly();
                    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
                    return line.substring("STALLED ".length()).trim();
                }
            }
            throw new AssertionError("the crashable engine exited (" + p.waitFor() + ") before it stalled");
        } finally {
            p.destroyForcibly();
        }
    }
}
