package dev.opsdeck.engine.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;

/**
 * The embedded store: tickets, channels and each channel's journal of envelopes, in one SQLite file. Every write
 * is committed before it returns, in WAL mode, so what the engine has published survives a {@code kill -9}.
 * One connection, used under this object's lock.
 */
public final class SqliteStore extends JdbcStore {

    private static final int SCHEMA = 1;
    /** The highest migration under {@code store/sqlite}: SqliteStoreTest holds it to the files. */
    static final int LATEST_MIGRATION = 9;

    private final Path file;

    private SqliteStore(Path file, Connection db) {
        super(db, file.toString());
        this.file = file;
    }

    /** Opens (or creates) the store in {@code dataDir}; a file that is not an OpsDeck store fails with a clear reason. */
    public static SqliteStore open(Path dataDir) {
        Path file = dataDir.resolve("opsdeck.db");
        try {
            Files.createDirectories(dataDir);
        } catch (Exception e) {
            throw new StoreException("cannot create data dir " + dataDir + ": " + e.getMessage());
        }
        if (Files.exists(file) && !Files.isReadable(file)) {
            throw new StoreException("data file " + file + " is not readable");
        }
        StoreCheck.beforeOpen(file);
        boolean existed = Files.exists(file);
        try {
            Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
            try {
                if (existed) {
                    StoreCheck.existing(file, db);
                }
                SqliteStore store = new SqliteStore(file, db);
                store.migrate();
                return store;
            } catch (RuntimeException | SQLException e) {
                db.close();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("data file " + file + " cannot be used (" + words(e)
                    + "); move it away or pass another --data-dir");
        }
    }

    /**
     * Brings the file's schema up to this code's with Flyway (versioned SQL under {@code store/sqlite}); a file
     * from before migrations were kept this way counts as version 1. A file a newer OpsDeck migrated further is
     * refused: this code would not know what its tables mean.
     */
    private void migrate() throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=NORMAL");
            s.execute("PRAGMA busy_timeout=5000");
        }
        if (!upToDate()) {
            flywayMigrate();
        }
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery(
                "SELECT value FROM meta WHERE key = 'schema'")) {
            // Kept for OpsDeck builds from before Flyway, which refuse a file whose schema row is above theirs.
            if (r.next() && Integer.parseInt(r.getString(1)) > SCHEMA) {
                throw new StoreException("data file " + file + " was written by a newer OpsDeck (schema "
                        + r.getString(1) + ")");
            }
        }
        try (Statement s = db.createStatement()) {
            s.execute("INSERT INTO meta (key, value) VALUES ('schema', '" + SCHEMA + "') ON CONFLICT(key) DO NOTHING");
        }
    }

    /**
     * Whether the file's schema is this code's already, as it is at every start but the first after an upgrade: then
     * Flyway, whose own start is a few hundred milliseconds of the console's, is not loaded. A file migrated further
     * (a newer OpsDeck's) is not up to date here: Flyway's look at it refuses it.
     */
    private boolean upToDate() {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery(
                "SELECT MAX(CAST(version AS INTEGER)) FROM flyway_schema_history WHERE success = 1")) {
            return r.next() && r.getInt(1) == LATEST_MIGRATION;
        } catch (SQLException noHistoryYet) {
            return false;
        }
    }

    private void flywayMigrate() {
        Flyway flyway = Flyway.configure().dataSource("jdbc:sqlite:" + file, null, null)
                .locations("classpath:dev/opsdeck/engine/store/sqlite").baselineOnMigrate(true).baselineVersion("1")
                .load();
        try {
            flyway.migrate();
        } catch (FlywayException e) {
            throw new StoreException("data file " + file + " cannot be brought up to date ("
                    + e.getMessage().lines().findFirst().orElse("") + "); pass another --data-dir");
        }
        for (MigrationInfo m : flyway.info().all()) {
            if (m.getState() == MigrationState.FUTURE_SUCCESS) {
                throw new StoreException("data file " + file + " was written by a newer OpsDeck (schema "
                        + m.getVersion() + "); run that version, or pass another --data-dir");
            }
        }
    }

    @Override
    protected boolean retryable(SQLException e) {
        String m = String.valueOf(e.getMessage());
        // A commit that finds no transaction: SQLite rolled it back itself, which it does when the disk fills.
        return m.contains("SQLITE_FULL") || m.contains("disk is full") || m.contains("SQLITE_IOERR")
                || m.contains("no transaction is active");
    }

    @Override
    protected String reason(SQLException e) {
        return words(e);
    }

    private static String words(SQLException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        if (m.contains("SQLITE_NOTADB") || m.contains("not a database")) {
            return "it is not an OpsDeck data file or it is corrupt";
        }
        return m.replaceAll("\\s+", " ");
    }
}
