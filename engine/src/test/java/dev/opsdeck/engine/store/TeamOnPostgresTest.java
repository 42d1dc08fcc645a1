package dev.opsdeck.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.engine.InjectResult;
import dev.opsdeck.engine.Injection;
import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.testing.EngineFixture;
import dev.opsdeck.engine.testing.PostgresServer;
import dev.opsdeck.engine.ticket.Status;
import dev.opsdeck.engine.ticket.Ticket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two engines on one real PostgreSQL, as two servers of a team: the flow cap, the debounce, ticket numbers and a
 * reset hold across both. (Two processes, a kill and the wire: {@code TeamModeTest} in server-bridge.)
 */
class TeamOnPostgresTest {

    private static PostgresServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPostgres() throws Exception {
        server = PostgresServer.shared();
    }

    private static String database() throws Exception {
        return server.newDatabase();
    }

    @Test
    void theFlowCapAndTheDebounce_holdAcrossServers() throws Exception {
        String db = database();
        try (EngineFixture a = new EngineFixture(dir.resolve("a"), c -> c.withDatabase(db).withMaxFlows(2)
                .withDebounce(Duration.ofMinutes(5)));
                EngineFixture b = new EngineFixture(dir.resolve("b"), c -> c.withDatabase(db).withMaxFlows(2)
                        .withDebounce(Duration.ofMinutes(5)))) {
            a.inject("web_5xx");
            InjectResult again = b.engine.inject(Injection.of("web_5xx"));
            assertThat(again.accepted()).isFalse();
            assertThat(again.reason()).contains("debounced");
            b.inject("storage_io_error");
            InjectResult third = a.engine.inject(Injection.of("net_unreachable"));
            assertThat(third.accepted()).as("two flows run on the team, its cap").isFalse();
            assertThat(third.reason()).contains("concurrency cap");
        }
    }

    @Test
    void ticketNumbers_comeFromTheDatabase_neverTheSameTwice() throws Exception {
        String db = database();
        try (EngineFixture a = new EngineFixture(dir.resolve("a"), c -> c.withDatabase(db).withMaxFlows(50)
                .withDebounce(Duration.ZERO));
                EngineFixture b = new EngineFixture(dir.resolve("b"), c -> c.withDatabase(db).withMaxFlows(50)
                        .withDebounce(Duration.ZERO))) {
            Set<String> ids = new HashSet<>();
            String[] keys = {"web_5xx", "storage_io_error", "net_unreachable", "web_upstream_timeout",
                    "storage_disk_offline"};
            for (String key : keys) {
                ids.add(a.inject(key));
                ids.add(b.inject(key));
            }
            assertThat(ids).hasSize(2 * keys.length);
            b.recorder.await(events -> events.stream().filter(e -> e instanceof EngineEvent.TicketCreated).count()
                    == 2L * keys.length, EngineFixture.WAIT);
            assertThat(b.engine.tickets()).extracting(Ticket::id).as("B sees A's tickets too").containsAll(ids);
        }
    }

    @Test
    void aResetOnA_endsTheFlowsRunningOnB_andEmptiesBsView() throws Exception {
        String db = database();
        try (EngineFixture a = new EngineFixture(dir.resolve("a"), c -> c.withDatabase(db));
                EngineFixture b = new EngineFixture(dir.resolve("b"), c -> c.withDatabase(db))) {
            String onB = b.inject("web_5xx");
            b.recorder.await(events -> events.stream().anyMatch(e -> e instanceof EngineEvent.SignOffRequested),
                    EngineFixture.WAIT);
            a.recorder.await(events -> events.stream().anyMatch(e -> e instanceof EngineEvent.SignOffRequested),
                    EngineFixture.WAIT);

            a.engine.reset();

            List<EngineEvent> seen = b.recorder.await(events -> events.stream()
                    .anyMatch(e -> e instanceof EngineEvent.Reset), EngineFixture.WAIT);
            assertThat(seen).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(EngineEvent.TicketChanged.class,
                    c -> assertThat(c.ticket().status()).isEqualTo(Status.NEEDS_FOLLOWUP)));
            assertThat(b.engine.tickets()).isEmpty();
            assertThat(b.engine.runningFlows()).isZero();

            // A reads the log in order: once it has B's next ticket, it has read B's cancellation before it.
            String next = b.inject("storage_io_error");
            a.recorder.await(events -> events.stream().anyMatch(e -> e instanceof EngineEvent.TicketCreated c
                    && c.ticket().id().equals(next)), EngineFixture.WAIT);
            assertThat(a.engine.tickets()).extracting(Ticket::id).as("B's cancellation did not bring %s back", onB)
                    .containsExactly(next);
            assertThat(a.engine.archivedTickets()).extracting(Ticket::id).contains(onB);
        }
    }

    @Test
    void aServerThatLosesItsLeaseSession_stopsItsFlows_andTheTeamFinishesThemOnce() throws Exception {
        String db = database();
        try (EngineFixture a = new EngineFixture(dir.resolve("a"), c -> c.withDatabase(db));
                EngineFixture b = new EngineFixture(dir.resolve("b"), c -> c.withDatabase(db))) {
            String id = a.inject("web_5xx");
            a.recorder.await(events -> events.stream().anyMatch(e -> e instanceof EngineEvent.SignOffRequested),
                    EngineFixture.WAIT);
            assertThat(a.engine.runningFlows()).isEqualTo(1);

            // The database drops the session that holds A's leases (a restart, a network cut would too).
            String jdbc = "jdbc:" + db.replaceFirst("//[^@]*@", "//");
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(jdbc, PostgresServer.USER, "");
                    java.sql.Statement st = c.createStatement()) {
                st.execute("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory'"
                        + " AND classid = 1401 AND objid = " + Ticket.number(id) + " AND granted");
            }

            a.recorder.await(events -> events.stream().anyMatch(e -> e instanceof EngineEvent.ErrorReported r
                    && r.detail().contains("lost its database session")), EngineFixture.WAIT);
            List<EngineEvent> taken = b.recorder.await(events -> events.stream().anyMatch(e ->
                    e instanceof EngineEvent.LogLine l && l.message().startsWith(id + " taken over by")),
                    EngineFixture.WAIT);
            String channel = taken.stream().filter(e -> e instanceof EngineEvent.SignOffRequested)
                    .map(e -> ((EngineEvent.SignOffRequested) e).channelId()).findFirst().orElseThrow();
            assertThat(b.engine.answer(channel, "approve", "test").accepted()).isTrue();
            b.recorder.awaitTerminal(id, EngineFixture.WAIT);
            a.recorder.awaitTerminal(id, EngineFixture.WAIT);
            assertThat(a.engine.runningFlows() + b.engine.runningFlows()).as("the flow ended, run by one server")
                    .isZero();
            assertThat(b.engine.ticket(id).orElseThrow().status()).isEqualTo(Status.RESOLVED);
            long operatorPosts = b.engine.journal(channel).stream().filter(e -> e.sender().equals("Human")).count();
            assertThat(operatorPosts).as("the sign-off was answered once").isEqualTo(1);
        }
    }

    @Test
    void aServerThatLosesItsWriteSession_keepsItsLease_andAppliesTheTeamsAnswerOnce() throws Exception {
        String db = database();
        try (EngineFixture a = new EngineFixture(dir.resolve("a"), c -> c.withDatabase(db));
                EngineFixture b = new EngineFixture(dir.resolve("b"), c -> c.withDatabase(db))) {
            String id = a.inject("web_5xx");
            String channel = ((EngineEvent.SignOffRequested) a.recorder.await(events -> events.stream()
                    .anyMatch(e -> e instanceof EngineEvent.SignOffRequested), EngineFixture.WAIT).stream()
                    .filter(e -> e instanceof EngineEvent.SignOffRequested).findFirst().orElseThrow()).channelId();
            b.recorder.await(events -> events.stream().anyMatch(e -> e instanceof EngineEvent.SignOffRequested),
                    EngineFixture.WAIT);

            // The database drops A's writes session only: its lease session (and so its leases) lives on.
            String jdbc = "jdbc:" + db.replaceFirst("//[^@]*@", "//");
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(jdbc, PostgresServer.USER, "");
                    java.sql.Statement st = c.createStatement()) {
                st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND application_name = 'opsdeck writes' AND pid IN (SELECT pid FROM pg_stat_activity"
                        + " WHERE application_name = 'opsdeck writes' ORDER BY backend_start LIMIT 1)");
            }
            assertThat(b.engine.answer(channel, "approve", "op-b").accepted()).as("claimed on B").isTrue();

            a.recorder.awaitTerminal(id, EngineFixture.WAIT);
            b.recorder.awaitTerminal(id, EngineFixture.WAIT);
            assertThat(a.engine.ticket(id).orElseThrow().status()).isEqualTo(Status.RESOLVED);
            for (EngineFixture f : List.of(a, b)) {
                assertThat(f.recorder.events().stream().filter(e -> e instanceof EngineEvent.SignOffResolved r
                        && r.channelId().equals(channel))).as("one hitl_resolved").hasSize(1);
                assertThat(f.recorder.events()).noneSatisfy(e -> assertThat(e).isInstanceOfSatisfying(
                        EngineEvent.LogLine.class, l -> assertThat(l.message()).startsWith(id + " taken over")));
            }
            long operatorPosts = a.engine.journal(channel).stream().filter(e -> e.sender().equals("Human")).count();
            assertThat(operatorPosts).as("the sign-off was answered once").isEqualTo(1);
        }
    }
}
