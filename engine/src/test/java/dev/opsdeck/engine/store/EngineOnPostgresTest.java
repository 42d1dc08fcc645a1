package dev.opsdeck.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opsdeck.engine.Engine;
import dev.opsdeck.engine.EngineConfig;
import dev.opsdeck.engine.flow.Texts;
import dev.opsdeck.engine.testing.EngineFixture;
import dev.opsdeck.engine.testing.PostgresServer;
import dev.opsdeck.engine.ticket.Status;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole engine on a shared PostgreSQL (--database): flows run, tickets and ids survive a restart. */
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
}
