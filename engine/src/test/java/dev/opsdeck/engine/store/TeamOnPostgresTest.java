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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two engines on one real PostgreSQL, as two servers of a team: the flow cap, the debounce, ticket numbers and a
 * reset hold across both. (Two processes, a kill and the wire: {@code TeamModeTest} in server-bridge.)
 */
class TeamOnPostgresTest {

    private static final AtomicInteger databases = new AtomicInteger();
    private static PostgresServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPostgres() throws Exception {
        server = PostgresServer.shared();
    }

    private static String database() throws Exception {
        String jdbc = server.createDatabase("team_engine" + databases.incrementAndGet());
        return "postgresql://" + PostgresServer.USER + ":@" + jdbc.substring("jdbc:postgresql://".length());
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
}
