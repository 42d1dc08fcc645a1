package dev.opsdeck.engine.store;

import static dev.opsdeck.engine.testing.Polling.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.flow.Answer;
import dev.opsdeck.engine.testing.EngineFixture;
import dev.opsdeck.engine.testing.PostgresServer;
import dev.opsdeck.engine.ticket.Status;
import dev.opsdeck.engine.ticket.Ticket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two servers of a team on a real PostgreSQL of their own, which is restarted (as {@code pg_ctl restart -m fast}
 * and {@code -m immediate} do) or stopped for 30 s while three sign-offs wait, one of them already answered. After it:
 * the flows go on from their journals, the pending sign-offs are asked again with their deadlines, the answer claimed
 * before the restart is applied, an answer given while the database was away was refused and not applied later,
 * every sign-off has exactly one {@code hitl_resolved} on each server, and both servers' tickets equal the database's.
 */
class TeamSurvivesItsDatabaseTest {

    private static final Duration LONG = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void aFastRestart_whileSignOffsWait_isSurvived() throws Exception {
        survives("restart -m fast", pg -> pg.restart("fast"));
    }

    @Test
    void anImmediateRestart_whileSignOffsWait_isSurvived() throws Exception {
        survives("restart -m immediate", pg -> pg.restart("immediate"));
    }

    @Test
    void thirtySecondsWithoutTheDatabase_areSurvived_andAnswersGivenMeanwhileAreRefused() throws Exception {
        survives("stopped 30 s", null);
    }

    private interface Outage {
        void on(PostgresServer pg) throws Exception;
    }

    private void survives(String what, Outage outage) throws Exception {
        try (PostgresServer pg = PostgresServer.start()) {
            String db = pg.newDatabase();
            try (EngineFixture a = new EngineFixture(dir.resolve("a"), c -> c.withDatabase(db));
                    EngineFixture b = new EngineFixture(dir.resolve("b"), c -> c.withDatabase(db))) {
                String answered = a.inject("web_5xx");
                String approvedLater = b.inject("storage_io_error");
                String rejectedLater = a.inject("net_unreachable");
                List<String> tickets = List.of(answered, approvedLater, rejectedLater);
                Map<String, String> channel = new LinkedHashMap<>();
                for (EngineFixture f : List.of(a, b)) {
                    f.recorder.await(events -> asked(events).keySet().containsAll(tickets), EngineFixture.WAIT);
                }
                asked(a.recorder.events()).forEach((ticket, ch) -> channel.put(ticket, ch));
                Map<String, Double> deadlines = deadlines(a.recorder.events());

                // Answered on the server that does not run its flow: claimed in the database, applied by A.
                assertThat(b.engine.answer(channel.get(answered), "approve", "op-b").accepted()).isTrue();

                long outageStart = System.nanoTime();
                if (outage != null) {
                    outage.on(pg);
                } else {
                    pg.stop("fast");
                    awaitTrue(() -> a.engine.problem().isPresent() && b.engine.problem().isPresent(), LONG);
                    System.out.printf("figure: database stopped -> both servers unhealthy: %d ms%n",
                            (System.nanoTime() - outageStart) / 1_000_000);
                    Answer meanwhile = b.engine.answer(channel.get(rejectedLater), "approve", "op-during");
                    assertThat(meanwhile.accepted()).as("an answer to a cut-off server").isFalse();
                    assertThat(meanwhile.reason()).isEqualTo("not recorded: this server cannot reach the database;"
                            + " answer again on another server or when it is back");
                    assertThat(a.engine.answer(channel.get(rejectedLater), "approve", "op-during").accepted())
                            .isFalse();
                    // The outage lasts: no sleep stands for an event here, it is the thing under test.
                    LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(30));
                    pg.startAgain();
                }
                long back = System.nanoTime();

                for (String ticket : List.of(approvedLater, rejectedLater)) {
                    a.recorder.await(events -> requests(events, channel.get(ticket)).size() >= 2, LONG);
                }
                long resumedMs = (System.nanoTime() - back) / 1_000_000;
                awaitTrue(() -> a.engine.problem().isEmpty() && b.engine.problem().isEmpty(), LONG);
                System.out.printf("figure: %s -> both pending sign-offs asked again %d ms after the database"
                        + " took connections (outage %d ms); both servers healthy after %d ms%n", what, resumedMs,
                        (back - outageStart) / 1_000_000, (System.nanoTime() - back) / 1_000_000);
                for (String ticket : List.of(approvedLater, rejectedLater)) {
                    assertThat(requests(a.recorder.events(), channel.get(ticket)))
                            .as("asked again with its original deadline")
                            .allSatisfy(r -> assertThat(r.deadline()).isEqualTo(deadlines.get(ticket)));
                }

                assertThat(a.engine.answer(channel.get(approvedLater), "approve", "op-a").accepted()).isTrue();
                assertThat(b.engine.answer(channel.get(rejectedLater), "reject", "op-b2").accepted()).isTrue();
                for (EngineFixture f : List.of(a, b)) {
                    for (String ticket : tickets) {
                        f.recorder.awaitTerminal(ticket, LONG);
                    }
                }

                for (EngineFixture f : List.of(a, b)) {
                    for (String ticket : tickets) {
                        List<EngineEvent.SignOffResolved> resolved = f.recorder.events().stream()
                                .filter(e -> e instanceof EngineEvent.SignOffResolved r
                                        && r.channelId().equals(channel.get(ticket)))
                                .map(e -> (EngineEvent.SignOffResolved) e).toList();
                        assertThat(resolved).as("one hitl_resolved for %s", ticket).hasSize(1);
                    }
                    List<EngineEvent.SignOffResolved> rejected = f.recorder.events().stream()
                            .filter(e -> e instanceof EngineEvent.SignOffResolved r
                                    && r.channelId().equals(channel.get(rejectedLater)))
                            .map(e -> (EngineEvent.SignOffResolved) e).toList();
                    assertThat(rejected.get(0).by()).as("the answer refused during the outage was not kept")
                            .isEqualTo("op-b2");
                }
                // Approved just before the outage: its runbook actions ran before it (Resolved), or one was caught
                // running and is never run again by itself (Needs Followup, its outcome unknown). Nothing else.
                Ticket first = a.engine.ticket(answered).orElseThrow();
                System.out.printf("approved before the outage: %s; actions %s%n",
                        first.history().get(first.history().size() - 1), first.actions().stream()
                                .map(x -> x.id() + " " + x.state().wire()).toList());
                assertThat(first.status() == Status.RESOLVED || first.status() == Status.NEEDS_FOLLOWUP
                        && first.actions().stream().anyMatch(x -> x.state() == dev.opsdeck.engine.ticket.ActionRecord
                                .State.UNKNOWN)).as("%s: %s %s", answered, first.history(), first.actions()).isTrue();
                assertThat(a.engine.ticket(approvedLater).orElseThrow().status()).isEqualTo(Status.RESOLVED);
                assertThat(a.engine.ticket(rejectedLater).orElseThrow().status()).isNotEqualTo(Status.RESOLVED);
                awaitTrue(() -> a.engine.runningFlows() + b.engine.runningFlows() == 0, LONG);
                try (PostgresStore store = PostgresStore.open("jdbc:" + db.replaceFirst("//[^@]*@", "//"),
                        PostgresServer.USER, "")) {
                    List<Ticket> stored = store.tickets(false);
                    awaitTrue(() -> a.engine.tickets().equals(stored) && b.engine.tickets().equals(stored), LONG);
                }
            }
        }
    }

    private static Map<String, String> asked(List<EngineEvent> events) {
        Map<String, String> out = new LinkedHashMap<>();
        for (EngineEvent e : events) {
            if (e instanceof EngineEvent.SignOffRequested r) {
                out.putIfAbsent(r.ticketId(), r.channelId());
            }
        }
        return out;
    }

    private static Map<String, Double> deadlines(List<EngineEvent> events) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (EngineEvent e : events) {
            if (e instanceof EngineEvent.SignOffRequested r) {
                out.putIfAbsent(r.ticketId(), r.deadline());
            }
        }
        return out;
    }

    private static List<EngineEvent.SignOffRequested> requests(List<EngineEvent> events, String channel) {
        return events.stream().filter(e -> e instanceof EngineEvent.SignOffRequested r
                && r.channelId().equals(channel)).map(e -> (EngineEvent.SignOffRequested) e).toList();
    }
}
