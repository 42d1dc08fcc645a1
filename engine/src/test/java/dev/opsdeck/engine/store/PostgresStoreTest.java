package dev.opsdeck.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
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

    /**
     * Two servers writing at once commit in any order: a reader following the log must still never pass a row that
     * is yet to commit, or it would skip that event for good.
     */
    @Test
    void aReaderFollowingTheLogById_missesNothing_whileTwoServersWrite() throws Exception {
        int each = 400;
        try (Store first = fresh(); Store second = reopened(); Store reader = reopened()) {
            java.util.List<Long> read = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
            Thread follower = new Thread(() -> {
                Store.Mark last = Store.Mark.START;
                while (true) {
                    boolean more = writing.get();
                    for (Store.Logged l : reader.eventsAfter(last, 100)) {
                        read.add(l.mark().id());
                        last = l.mark();
                    }
                    if (!more && reader.eventsAfter(last, 1).isEmpty()) {
                        return;
                    }
                }
            });
            follower.start();
            Thread a = writer(first, "a", each);
            Thread b = writer(second, "b", each);
            a.join();
            b.join();
            writing.set(false);
            follower.join();
            assertThat(read).as("every event, each once").hasSize(2 * each).doesNotHaveDuplicates();
        }
    }

    private static Thread writer(Store store, String origin, int events) {
        Thread t = new Thread(() -> {
            for (int i = 0; i < events; i++) {
                store.record(origin, java.util.List.of(new dev.opsdeck.engine.event.EngineEvent.LogLine(origin,
                        "line " + i, dev.opsdeck.engine.event.Level.INFO)));
            }
        });
        t.start();
        return t;
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
