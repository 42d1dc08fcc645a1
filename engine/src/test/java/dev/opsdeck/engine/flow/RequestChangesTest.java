package dev.opsdeck.engine.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.engine.agent.Agent;
import dev.opsdeck.engine.alert.AlertNotice;
import dev.opsdeck.engine.testing.ScriptedReasoner;
import dev.opsdeck.engine.alert.AlertPayload;
import dev.opsdeck.engine.alert.AlertPayload.Source;
import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.event.EngineEvent.SignOffRequested;
import dev.opsdeck.engine.event.EngineEvent.SignOffResolved;
import dev.opsdeck.engine.event.Outcome;
import dev.opsdeck.engine.runbook.RunbookLoader;
import dev.opsdeck.engine.testing.EngineFixture;
import dev.opsdeck.engine.ticket.ActionRecord;
import dev.opsdeck.engine.ticket.ActionRecord.State;
import dev.opsdeck.engine.ticket.Status;
import dev.opsdeck.engine.ticket.Ticket;
import dev.opsdeck.engine.workflow.Envelope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Request changes and override: the operator sends the proposal back instead of a verdict, and the remediation
 * proposes again in a round (a channel) of its own, with a sign-off of its own.
 */
class RequestChangesTest {

    @TempDir
    Path dir;

    @Test
    void feedbackNamingAHost_yieldsANewProposalWithoutIt_andANewSignOff() throws Exception {
        try (EngineFixture f = fixture()) {
            String id = f.engine.receiveAlerts(alert()).tickets().get(0);
            SignOffRequested first = signOff(f, 1);
            assertThat(ids(first.actions())).containsExactly("restart_web", "failover_web");

            Answer a = f.engine.requestChanges(first.channelId(), "not web-edge-02: the standby is down too", "alice");
            assertThat(a.accepted()).as(a.reason()).isTrue();

            SignOffRequested second = signOff(f, 2);
            assertThat(second.channelId()).isEqualTo(id + ".remediation-r2");
            assertThat(ids(second.actions())).containsExactly("restart_web");
            assertThat(second.digest()).isNotEqualTo(first.digest());
            SignOffResolved sent = resolved(f, first.channelId());
            assertThat(sent.outcome()).isEqualTo(Outcome.CHANGES_REQUESTED);
            assertThat(sent.by()).isEqualTo("alice");
            assertThat(sent.decision()).contains("REJECTED").contains("not web-edge-02: the standby is down too");
            Envelope proposal = f.engine.journal(second.channelId()).stream()
                    .filter(e -> "propose_actions".equals(e.tool())).findFirst().orElseThrow();
            assertThat(proposal.body()).contains("excluded at alice's request: failover_web (it acts on web-edge-02)");
            assertThat(f.engine.journal(second.channelId()).get(0).line())
                    .contains("Changes requested by alice: not web-edge-02: the standby is down too");

            assertThat(f.engine.answer(second.channelId(), Outcome.APPROVED, "", "alice").accepted()).isTrue();
            f.recorder.awaitTerminal(id, EngineFixture.WAIT);
            Ticket t = f.engine.ticket(id).orElseThrow();
            assertThat(t.status()).isEqualTo(Status.RESOLVED);
            assertThat(Files.exists(dir.resolve("restarted-web-edge-01"))).isTrue();
            assertThat(Files.exists(dir.resolve("failover-web-edge-02"))).isFalse();
            assertThat(t.history()).contains("changes requested by alice: not web-edge-02: the standby is down too");
            assertThat(t.timeline()).anySatisfy(m -> {
                assertThat(m.by()).isEqualTo("alice");
                assertThat(m.what()).startsWith("changes requested by alice");
            });
        }
    }

    @Test
    void feedbackExcludingEveryAction_saysNoActionFits_andTheTicketEndsAsWithNoAction() throws Exception {
        try (EngineFixture f = fixture()) {
            String id = f.engine.receiveAlerts(alert()).tickets().get(0);
            SignOffRequested first = signOff(f, 1);
            assertThat(f.engine.requestChanges(first.channelId(), "don't touch web-edge-01 or web-edge-02", "bob")
                    .accepted()).isTrue();
            SignOffRequested second = signOff(f, 2);
            assertThat(second.actions()).isEmpty();
            assertThat(second.prompt()).contains("No runbook action fits");
            assertThat(f.engine.answer(second.channelId(), Outcome.APPROVED, "", "bob").accepted()).isTrue();
            f.recorder.awaitTerminal(id, EngineFixture.WAIT);
            Ticket t = f.engine.ticket(id).orElseThrow();
            assertThat(t.status()).isEqualTo(Status.NEEDS_FOLLOWUP);
            assertThat(Files.list(dir).filter(p -> p.getFileName().toString().contains("-web-"))).isEmpty();
        }
    }

    @Test
    void aTicketsProposalIsSentBackAtMostThreeTimes_theFourthIsRefusedWithTheReason() throws Exception {
        try (EngineFixture f = fixture()) {
            f.engine.receiveAlerts(alert());
            for (int round = 1; round <= 3; round++) {
                assertThat(f.engine.requestChanges(signOff(f, round).channelId(), "try again " + round, "alice")
                        .accepted()).isTrue();
            }
            SignOffRequested fourth = signOff(f, 4);
            Answer refused = f.engine.requestChanges(fourth.channelId(), "once more", "alice");
            assertThat(refused.accepted()).isFalse();
            assertThat(refused.reason()).contains("sent back 3 times").contains("approve, defer or reject");
            assertThat(f.engine.answer(fourth.channelId(), Outcome.REJECTED, "", "alice").accepted()).isTrue();
        }
    }

    @Test
    void feedbackWithoutText_orAnOverrideOfAnActionThatDoesNotFit_isRefused_andTheSignOffStillWaits() throws Exception {
        try (EngineFixture f = fixture()) {
            f.engine.receiveAlerts(alert());
            SignOffRequested first = signOff(f, 1);
            assertThat(f.engine.requestChanges(first.channelId(), "\u001b[31m \u0007", "alice").reason())
                    .contains("feedback needs some text");
            assertThat(f.engine.override(first.channelId(), "rm_everything", "", "alice").reason())
                    .contains("'rm_everything' is no runbook action that fits").contains("restart_web, failover_web");
            assertThat(f.engine.answer(first.channelId(), Outcome.REJECTED, "", "alice").accepted()).isTrue();
        }
    }

    @Test
    void anOverride_showsTheChosenActionWithItsDryRun_andRunsItOnlyOnAnApprovalOfThatDigest() throws Exception {
        try (EngineFixture f = fixture()) {
            String id = f.engine.receiveAlerts(alert()).tickets().get(0);
            SignOffRequested first = signOff(f, 1);
            assertThat(f.engine.override(first.channelId(), "failover_web", "the primary is flapping", "carol")
                    .accepted()).isTrue();
            SignOffRequested second = signOff(f, 2);
            assertThat(second.actions()).singleElement().satisfies(x -> {
                assertThat(x.id()).isEqualTo("failover_web");
                assertThat(x.dryRun()).isNotNull();
                assertThat(x.dryRun().output()).contains("would fail over to web-edge-02");
            });
            assertThat(Files.exists(dir.resolve("failover-web-edge-02"))).isFalse();
            assertThat(f.engine.answer(second.channelId(), Outcome.APPROVED, "", "carol").accepted()).isTrue();
            f.recorder.awaitTerminal(id, EngineFixture.WAIT);
            assertThat(Files.exists(dir.resolve("failover-web-edge-02"))).isTrue();
            assertThat(Files.exists(dir.resolve("restarted-web-edge-01"))).isFalse();
            assertThat(f.engine.ticket(id).orElseThrow().history())
                    .contains("overridden by carol: failover_web instead of the proposal (the primary is flapping)");
        }
    }

    @Test
    void aStepDoneByHand_isKeptAsThePersons_neverRuns_andWithNothingToVerifyItTheTicketSaysSo() throws Exception {
        try (EngineFixture f = fixture()) {
            String id = f.engine.receiveAlerts(alert()).tickets().get(0);
            SignOffRequested first = signOff(f, 1);
            assertThat(f.engine.doneByHand(first.channelId(), null, "I restarted it myself", "dave").accepted())
                    .isTrue();
            f.recorder.awaitTerminal(id, EngineFixture.WAIT);
            Ticket t = f.engine.ticket(id).orElseThrow();
            assertThat(t.status()).isEqualTo(Status.NEEDS_FOLLOWUP);
            ActionRecord mine = t.actions().stream().filter(a -> a.state() == State.DONE_BY_HAND).findFirst()
                    .orElseThrow();
            assertThat(mine.id()).isEqualTo("by_hand");
            assertThat(mine.approvedBy()).isEqualTo("dave");
            assertThat(mine.run()).isEqualTo("done by hand by dave");
            assertThat(mine.line()).contains("(by dave, not by OpsDeck)");
            assertThat(t.actions()).filteredOn(a -> a.state() != State.DONE_BY_HAND)
                    .allSatisfy(a -> assertThat(a.state()).isEqualTo(State.NOT_APPROVED));
            assertThat(t.history()).contains("done by hand by dave: I restarted it myself");
            assertThat(t.history()).anySatisfy(h -> assertThat(h).contains("nothing verified that it took"));
            assertThat(Files.list(dir).filter(p -> p.getFileName().toString().contains("-web-"))).isEmpty();
            assertThat(resolved(f, first.channelId()).outcome()).isEqualTo(Outcome.DONE_BY_HAND);
        }
    }

    @Test
    void aStepDoneByHandForAnAction_isResolvedOnlyOnceItsSignalClears_asARunWouldBe() throws Exception {
        Path runbook = runbook();
        String withCheck = Files.readString(runbook).replace("'%s/restarted-{host}']}\n".formatted(dir),
                "'%s/restarted-{host}']}\n    verify: {promql: 'up{instance=\"{host}\"} == 1', within: 60s}\n"
                        .formatted(dir));
        assertThat(withCheck).contains("verify:");
        Files.writeString(runbook, withCheck);
        try (EngineFixture f = new EngineFixture(dir.resolve("data"), c -> c.withRunbook(RunbookLoader.load(runbook)))) {
            String id = f.engine.receiveAlerts(alert()).tickets().get(0);
            SignOffRequested first = signOff(f, 1);
            assertThat(f.engine.doneByHand(first.channelId(), "restart_web", "restarted it myself", "dave").accepted())
                    .isTrue();
            // Nothing answers the PromQL here; the ticket's own alert resolving is the signal clearing.
            f.engine.receiveAlerts(AlertPayload.parse(ALERT.replace("\"status\":\"firing\"", "\"status\":\"resolved\"")
                    .replace("\"endsAt\":\"\"", "\"endsAt\":\"2026-12-07T02:10:00Z\""), Source.ALERTMANAGER));
            f.recorder.awaitTerminal(id, EngineFixture.WAIT);
            Ticket t = f.engine.ticket(id).orElseThrow();
            assertThat(t.status()).isEqualTo(Status.RESOLVED);
            assertThat(t.actions()).filteredOn(a -> a.id().equals("restart_web")).singleElement().satisfies(a -> {
                assertThat(a.state()).isEqualTo(State.DONE_BY_HAND);
                assertThat(a.approvedBy()).isEqualTo("dave");
                assertThat(a.verified()).isTrue();
                assertThat(a.note()).contains("restarted it myself").contains("the alert was resolved");
            });
            assertThat(Files.exists(dir.resolve("restarted-web-edge-01"))).as("the machine ran nothing").isFalse();
        }
    }

    @Test
    void aServerStoppedBetweenRounds_resumesTheNewRound_andItsSignOffIsAskedAgain() throws Exception {
        String id;
        String second;
        try (EngineFixture f = fixture()) {
            id = f.engine.receiveAlerts(alert()).tickets().get(0);
            assertThat(f.engine.requestChanges(signOff(f, 1).channelId(), "not failover-web", "alice").accepted())
                    .isTrue();
            second = signOff(f, 2).channelId();
        }
        try (EngineFixture f = fixture()) {
            SignOffRequested again = f.recorder.await(es -> es.stream().anyMatch(e -> e instanceof SignOffRequested r
                    && r.channelId().equals(second)), EngineFixture.WAIT).stream()
                    .filter(SignOffRequested.class::isInstance).map(SignOffRequested.class::cast).findFirst()
                    .orElseThrow();
            assertThat(ids(again.actions())).containsExactly("restart_web");
            assertThat(f.engine.answer(second, Outcome.APPROVED, "", "alice").accepted()).isTrue();
            f.recorder.awaitTerminal(id, EngineFixture.WAIT);
            assertThat(f.engine.ticket(id).orElseThrow().status()).isEqualTo(Status.RESOLVED);
            assertThat(Files.exists(dir.resolve("failover-web-edge-02"))).isFalse();
        }
    }

    @Test
    void aModelBackend_readsTheFeedbackInItsInput_onTheNextRound() throws Exception {
        ScriptedReasoner model = new ScriptedReasoner(dev.opsdeck.engine.world.WorldLoader.bundled());
        Path runbook = runbook();
        try (EngineFixture f = new EngineFixture(dir.resolve("data"), c -> c.withRunbook(RunbookLoader.load(runbook))
                .withReasoner(model))) {
            f.engine.receiveAlerts(alert());
            SignOffRequested first = signOff(f, 1);
            f.engine.requestChanges(first.channelId(), "the standby is down too", "alice");
            SignOffRequested second = signOff(f, 2);
            assertThat(model.requests()).filteredOn(r -> r.agent() == Agent.REM_TRIAGE
                    && r.transcript().get(0).channelId().equals(second.channelId())).singleElement()
                    .satisfies(r -> assertThat(r.transcript().get(0).line())
                            .contains("Changes requested by alice: the standby is down too"));
            f.engine.answer(second.channelId(), Outcome.REJECTED, "", "alice");
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private EngineFixture fixture() throws Exception {
        Path runbook = runbook();
        return new EngineFixture(dir.resolve("data"), c -> c.withRunbook(RunbookLoader.load(runbook)));
    }

    /** The {@code n}th sign-off request of the run (from 1), once it has been asked. */
    private static SignOffRequested signOff(EngineFixture f, int n) {
        return f.recorder.await(es -> es.stream().filter(SignOffRequested.class::isInstance).count() >= n,
                EngineFixture.WAIT).stream().filter(SignOffRequested.class::isInstance)
                .map(SignOffRequested.class::cast).skip(n - 1).findFirst().orElseThrow();
    }

    private static SignOffResolved resolved(EngineFixture f, String channel) {
        return f.recorder.await(es -> es.stream().anyMatch(e -> e instanceof SignOffResolved r
                && r.channelId().equals(channel)), EngineFixture.WAIT).stream()
                .filter(e -> e instanceof SignOffResolved r && r.channelId().equals(channel))
                .map(SignOffResolved.class::cast).findFirst().orElseThrow();
    }

    private static List<String> ids(List<ActionRecord> actions) {
        return actions.stream().map(ActionRecord::id).toList();
    }

    /** A web_5xx alert on a system of the bundled world, naming its standby, so its diagnosis recommends. */
    private static List<AlertNotice> alert() {
        return AlertPayload.parse(ALERT, Source.ALERTMANAGER);
    }

    private static final String ALERT = """
            {"version":"4","status":"firing","alerts":[{"status":"firing","labels":{"alertname":"web_5xx",
             "instance":"web-edge-01:9100","host":"web-edge-01","standby":"web-edge-02","severity":"warning"},
             "annotations":{},"startsAt":"2026-12-07T02:00:00Z","endsAt":"","fingerprint":"fp-1"}]}""";

    private Path runbook() throws Exception {
        Path f = dir.resolve("runbook.yaml");
        if (Files.exists(f)) {
            return f;
        }
        Files.writeString(f, """
                version: 1
                actions:
                  - id: restart_web
                    title: Restart the web server
                    risk: disruptive
                    match: {alertname: [web_5xx]}
                    params:
                      host: {from: alert.labels.host, pattern: '^[a-z0-9-]+$'}
                    run: {command: ['/usr/bin/touch', '%1$s/restarted-{host}']}
                  - id: failover_web
                    title: Fail over to the standby
                    risk: disruptive
                    match: {alertname: [web_5xx]}
                    params:
                      standby: {from: alert.labels.standby, pattern: '^[a-z0-9-]+$'}
                    run: {command: ['/usr/bin/touch', '%1$s/failover-{standby}']}
                    dry_run: {command: ['/bin/echo', 'would fail over to {standby}']}
                """.formatted(dir));
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        return f;
    }
}
