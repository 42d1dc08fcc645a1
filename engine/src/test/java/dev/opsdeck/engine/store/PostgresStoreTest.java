package dev.opsdeck.engine.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opsdeck.engine.testing.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The PostgreSQL adapter held to the store contract, on a real PostgreSQL; one database per test. */
class PostgresStoreTest extends StoreContract {

    private static PostgresServer server;
    private static final AtomicInteger databases = new AtomicInteger();
    private String url;

    @BeforeAll
    static void startPostgres() throws Exception {
        server = PostgresServer.shared();
    }


    @Override
    protected Store fresh() {
        try {
            url = server.createDatabase("t" + databases.incrementAndGet());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return PostgresStore.open(url, PostgresServer.USER, "");
    }

    @Override
    protected Store reopened() {
        return PostgresStore.open(url, PostgresServer.USER, "");
    }

    @Test
    void aDatabaseANewerOpsDeckMigrated_isRefused_sayingSo() throws Exception {
        fresh().close();
        try (Connection c = DriverManager.getConnection(url, PostgresServer.USER, "");
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
                    + " checksum, installed_by, installed_on, execution_time, success) VALUES (99, '99', 'tomorrow',"
                    + " 'SQL', 'V99__tomorrow.sql', 0, 'x', now(), 0, true)");
        }
        assertThatThrownBy(() -> PostgresStore.open(url, PostgresServer.USER, "")).isInstanceOf(StoreException.class)
                .hasMessageContaining("newer OpsDeck").hasMessageContaining("schema 99");
    }
}
