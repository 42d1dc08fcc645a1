package dev.opsdeck.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opsdeck.engine.Engine;
import dev.opsdeck.engine.EngineConfig;
import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.flow.Answer;
import dev.opsdeck.engine.flow.Texts;
import dev.opsdeck.engine.testing.EngineFixture;
import dev.opsdeck.engine.testing.PostgresServer;
import dev.opsdeck.engine.ticket.Status;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole engine on a shared PostgreSQL (--database): flows run, tickets and ids survive a restart, and a write session
 * the database drops holds the flows until it answers again.
 */
class EngineOnPostgresTest {

    private static PostgresServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPostgres() throws Exception {
        server = PostgresServer.shared();
    }


    @Test
    void anIncidentRunsOnPostgres_andItsTicketAndTheNextIdSurviveARestart() throws Exception {
        String database = server.newDatabase();
        String id;
        try (EngineFixture f = new EngineFixture(dir, c -> c.withDatabase(database)).answering(Texts.APPROVE)) {
            id = f.inject("web_5xx");
            f.recorder.awaitTerminal(id, EngineFixture.WAIT);
            assertThat(f.engine.ticket(id).orElseThrow().status()).isEqualTo(Status.RESOLVED);
        }
        try (EngineFixture f = new EngineFixture(dir.resolve("other"), c -> c.withDatabase(database))) {
            assertThat(f.engine.ticket(id).orElseThrow().status()).as("from the database, not a file")
                    .isEqualTo(Status.RESOLVED);
            assertThat(f.engine.journal(id + ".remediation")).isNotEmpty();
            assertThat(f.inject("storage_io_error")).isEqualTo("INC-008");
        }
    }

    @Test
    void aMalformedDatabaseUrl_isRefusedWithItsShape_andNoPassword() {
        assertThatThrownBy(() -> Engine.start(EngineConfig.defaults(dir).withDatabase("mysql://me:secret@h/db")))
                .isInstanceOf(StoreException.class).hasMessageContaining("postgresql://USER:PASS@HOST:PORT/DB")
                .hasMessageNotContaining("secret");
    }

    @Test
    void aDroppedWriteSession_holdsTheFlow_andItGoesOnOnceTheDatabaseAnswersAgain() throws Exception {
        String database = server.newDatabase();
        try (EngineFixture f = new EngineFixture(dir, c -> c.withDatabase(database))) {
            String id = f.inject("web_5xx");
            String channel = ((EngineEvent.SignOffRequested) f.recorder.await(events -> events.stream()
                    .anyMatch(e -> e instanceof EngineEvent.SignOffRequested), EngineFixture.WAIT).stream()
                    .filter(e -> e instanceof EngineEvent.SignOffRequested).findFirst().orElseThrow()).channelId();

            String jdbc = "jdbc:" + database.replaceFirst("//[^@]*@", "//");
            try (Connection c = DriverManager.getConnection(jdbc, PostgresServer.USER, "");
                    Statement st = c.createStatement()) {
                st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND application_name = 'opsdeck writes'");
            }
            Answer refused = f.engine.answer(channel, "approve", "test");
            assertThat(refused.accepted()).isFalse();
            assertThat(refused.reason()).contains("not recorded: this server cannot reach the database");
            assertThat(f.engine.problem()).isPresent();

            List<EngineEvent> again = f.recorder.await(events -> events.stream().filter(
                    e -> e instanceof EngineEvent.SignOffRequested).count() == 2, EngineFixture.WAIT);
            assertThat(again).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(EngineEvent.LogLine.class,
                    l -> assertThat(l.message()).contains("takes writes again")));
            assertThat(f.engine.problem()).isEmpty();
            assertThat(f.engine.answer(channel, "approve", "test").accepted()).isTrue();
            f.recorder.awaitTerminal(id, EngineFixture.WAIT);
            assertThat(f.engine.ticket(id).orElseThrow().status()).isEqualTo(Status.RESOLVED);
        }
    }

    @Test
    void aSignOffsVerdictAndTheOperatorsPost_areRecordedTogether_soAFailureBetweenThemResolvesItOnce()
            throws Exception {
        String database = server.newDatabase();
        String jdbc = "jdbc:" + database.replaceFirst("//[^@]*@", "//");
        try (EngineFixture f = new EngineFixture(dir, c -> c.withDatabase(database));
                Connection admin = DriverManager.getConnection(jdbc, PostgresServer.USER, "");
                Statement st = admin.createStatement()) {
            String id = f.inject("web_5xx");
            String channel = ((EngineEvent.SignOffRequested) f.recorder.await(events -> events.stream()
                    .anyMatch(e -> e instanceof EngineEvent.SignOffRequested), EngineFixture.WAIT).stream()
                    .filter(e -> e instanceof EngineEvent.SignOffRequested).findFirst().orElseThrow()).channelId();
            // The database fails the operator's post as a dropped connection would, the verdict's row before it
            // already written in the same transaction.
            st.execute("CREATE FUNCTION fail_human() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                    + " IF NEW.json::jsonb->>'sender' = 'Human' THEN RAISE EXCEPTION 'link lost' USING ERRCODE"
                    + " = '08006'; END IF; RETURN NEW; END $$");
            st.execute("CREATE TRIGGER fail_human BEFORE INSERT ON envelope FOR EACH ROW EXECUTE FUNCTION fail_human()");

            assertThat(f.engine.answer(channel, "approve", "op").accepted()).as("claimed, so taken").isTrue();
            f.recorder.await(events -> events.stream().anyMatch(e -> e instanceof EngineEvent.ErrorReported r
                    && r.detail().startsWith(id + " is held")), EngineFixture.WAIT);
            st.execute("DROP TRIGGER fail_human ON envelope");

            f.recorder.awaitTerminal(id, EngineFixture.WAIT);
            assertThat(f.recorder.events().stream().filter(e -> e instanceof EngineEvent.SignOffResolved r
                    && r.channelId().equals(channel))).as("one hitl_resolved").hasSize(1);
            try (java.sql.ResultSet r = st.executeQuery("SELECT count(*) FROM event WHERE kind = 'SignOffResolved'")) {
                r.next();
                assertThat(r.getInt(1)).as("one hitl_resolved in the log").isEqualTo(1);
            }
            assertThat(f.engine.ticket(id).orElseThrow().status()).isEqualTo(Status.RESOLVED);
            assertThat(f.engine.journal(channel).stream().filter(e -> e.sender().equals("Human"))).hasSize(1);
        }
    }
}
