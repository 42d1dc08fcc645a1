package dev.opsdeck.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opsdeck.engine.ticket.Ticket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store held to the store contract. */
class SqliteStoreTest extends StoreContract {

    @TempDir
    Path dir;

    @Override
    protected Store fresh() {
        return SqliteStore.open(dir);
    }

    @Override
    protected Store reopened() {
        return SqliteStore.open(dir);
    }

    /** The newest migration this code ships for SQLite: what a new or old file must end up at. */
    private static String newestMigration() throws Exception {
        Path folder = Path.of(SqliteStore.class.getResource("sqlite").toURI());
        try (var files = Files.list(folder)) {
            return String.valueOf(files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElseThrow());
        }
    }

    private String sql(String query) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("opsdeck.db"));
                Statement s = c.createStatement()) {
            if (!query.startsWith("SELECT")) {
                s.execute(query);
                return "";
            }
            try (ResultSet r = s.executeQuery(query)) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    @Test
    void aNewStore_isMigratedByFlyway_toTheCodesSchema() throws Exception {
        SqliteStore.open(dir).close();
        assertThat(sql("SELECT MAX(CAST(version AS INTEGER)) FROM flyway_schema_history WHERE success = 1"))
                .isEqualTo(newestMigration());
    }

    @Test
    void aStoreFromBeforeMigrationsWereKept_opensAsVersion1_withItsTickets() throws Exception {
        Files.createDirectories(dir);
        sql("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
        sql("CREATE TABLE ticket (num INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, json TEXT NOT NULL,"
                + " archived INTEGER NOT NULL DEFAULT 0)");
        sql("CREATE TABLE channel (id TEXT PRIMARY KEY, ticket_id TEXT NOT NULL, stage TEXT NOT NULL,"
                + " closed_reason TEXT, signoff_deadline REAL)");
        sql("CREATE TABLE envelope (channel_id TEXT NOT NULL, n INTEGER NOT NULL, json TEXT NOT NULL,"
                + " PRIMARY KEY (channel_id, n))");
        sql("INSERT INTO meta VALUES ('schema', '1')");
        sql("INSERT INTO ticket (num, id, json) VALUES (7, 'INC-007', '" + dev.opsdeck.engine.Json.write(
                Ticket.open("INC-007", "web-edge-01", "web_5xx", "sev2", 1)) + "')");
        try (Store s = SqliteStore.open(dir)) {
            assertThat(s.tickets(false)).extracting(Ticket::id).containsExactly("INC-007");
            assertThat(s.openTickets(false)).as("V2 counts the tickets already open").isEqualTo(1);
        }
        assertThat(sql("SELECT MAX(CAST(version AS INTEGER)) FROM flyway_schema_history")).isEqualTo(newestMigration());
    }

    @Test
    void aStoreANewerOpsDeckMigrated_isRefused_sayingSo() throws Exception {
        SqliteStore.open(dir).close();
        sql("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,"
                + " installed_by, installed_on, execution_time, success) VALUES (99, '99', 'tomorrow', 'SQL',"
                + " 'V99__tomorrow.sql', 0, 'x', CURRENT_TIMESTAMP, 0, 1)");
        assertThatThrownBy(() -> SqliteStore.open(dir)).isInstanceOf(StoreException.class)
                .hasMessageContaining("newer OpsDeck").hasMessageContaining("schema 99");
    }

    /** A start skips Flyway when the file is at this number: a migration added without it would never be applied. */
    @Test
    void theLatestMigrationItKnows_isTheHighestFile() throws Exception {
        assertThat(String.valueOf(SqliteStore.LATEST_MIGRATION)).isEqualTo(newestMigration());
    }

    @Test
    void aFileAtTheLatestMigration_opensAgainWithItsTickets() throws Exception {
        try (SqliteStore first = SqliteStore.open(dir)) {
            first.saveTicket(Ticket.open("INC-001", "web-01", "web_5xx", "sev2", 1));
        }
        try (SqliteStore again = SqliteStore.open(dir)) {
            assertThat(again.tickets(false)).extracting(Ticket::id).containsExactly("INC-001");
        }
        assertThat(sql("SELECT MAX(CAST(version AS INTEGER)) FROM flyway_schema_history")).isEqualTo(newestMigration());
    }
}
