package dev.opsdeck.engine.store;

import dev.opsdeck.engine.Json;
import dev.opsdeck.engine.ticket.Ticket;
import dev.opsdeck.engine.workflow.Envelope;
import dev.opsdeck.engine.workflow.Stage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;

/**
 * The durable record: tickets, channels and each channel's journal of envelopes, in one SQLite file. Every write
 * is committed before it returns, in WAL mode, so what the engine has published survives a {@code kill -9}.
 * One connection, used under this object's lock.
 */
public final class SqliteStore implements Store {

    private static final int SCHEMA = 1;

    private final Path file;
    private final Connection db;

    private SqliteStore(Path file, Connection db) {
        this.file = file;
        this.db = db;
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
            throw new StoreException("data file " + file + " cannot be used (" + reason(e)
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

    @Override
    public synchronized void saveTicket(Ticket t) {
        update("INSERT INTO ticket (num, id, json) VALUES (?, ?, ?) ON CONFLICT(num) DO UPDATE SET json = excluded.json",
                Ticket.number(t.id()), t.id(), Json.write(t));
    }

    /** Saves several tickets in one transaction: all of them are on disk, or (on a failure) none. */
    @Override
    public synchronized void saveTickets(List<Ticket> tickets) {
        try {
            db.setAutoCommit(false);
            try {
                for (Ticket t : tickets) {
                    update("INSERT INTO ticket (num, id, json) VALUES (?, ?, ?) ON CONFLICT(num) DO UPDATE SET json = excluded.json",
                            Ticket.number(t.id()), t.id(), Json.write(t));
                }
                db.commit();
            } catch (RuntimeException | SQLException e) {
                db.rollback();
                throw e;
            } finally {
                db.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot write to " + file + ": " + reason(e));
        }
    }

    /** Whether a flow ever opened a channel for this ticket: one that has none is still waiting to start. */
    @Override
    public synchronized boolean hasChannels(String ticketId) {
        try (PreparedStatement p = db.prepareStatement("SELECT 1 FROM channel WHERE ticket_id = ? LIMIT 1")) {
            p.setString(1, ticketId);
            try (ResultSet r = p.executeQuery()) {
                return r.next();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read channels of " + ticketId + ": " + reason(e));
        }
    }

    /** Hides every ticket from the view; they stay in the file and their numbers stay taken. */
    @Override
    public synchronized void archiveAll() {
        update("UPDATE ticket SET archived = 1");
    }

    /** Tickets oldest first; archived ones only if asked. */
    @Override
    public synchronized List<Ticket> tickets(boolean archived) {
        List<Ticket> out = new ArrayList<>();
        String sql = "SELECT json FROM ticket" + (archived ? "" : " WHERE archived = 0") + " ORDER BY num";
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                out.add(Json.read(r.getString(1), Ticket.class));
            }
        } catch (SQLException | IllegalArgumentException e) {
            throw new StoreException("cannot read tickets from " + file + ": " + e.getMessage());
        }
        return out;
    }

    /** Hides one ticket from the view (a salvaged store keeps what was archived archived). */
    @Override
    public synchronized void archive(String ticketId) {
        update("UPDATE ticket SET archived = 1 WHERE id = ?", ticketId);
    }

    /** Numbers up to {@code n} count as issued even without a ticket row (a salvage that lost the newest rows). */
    @Override
    public synchronized void reserveNumbersUpTo(int n) {
        update("INSERT INTO meta (key, value) VALUES ('reserved', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                String.valueOf(n));
    }

    /** The highest ticket number ever issued, archived tickets and reserved numbers included; 0 when there is none. */
    @Override
    public synchronized int highestNumber() {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT MAX(COALESCE((SELECT MAX(num) "
                + "FROM ticket), 0), COALESCE((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'reserved'), 0))")) {
            return r.next() ? r.getInt(1) : 0;
        } catch (SQLException e) {
            throw new StoreException("cannot read " + file + ": " + reason(e));
        }
    }

    @Override
    public synchronized void openChannel(String channelId, String ticketId, Stage stage) {
        update("INSERT OR IGNORE INTO channel (id, ticket_id, stage) VALUES (?, ?, ?)", channelId, ticketId, stage.wire());
    }

    @Override
    public synchronized void closeChannel(String channelId, String reason) {
        update("UPDATE channel SET closed_reason = ? WHERE id = ?", reason, channelId);
    }

    @Override
    public synchronized void setSignOffDeadline(String channelId, Double deadline) {
        update("UPDATE channel SET signoff_deadline = ? WHERE id = ?", deadline, channelId);
    }

    @Override
    public synchronized void append(Envelope e) {
        update("INSERT INTO envelope (channel_id, n, json) VALUES (?, ?, ?)", e.channelId(), e.n(), Json.write(e));
    }

    @Override
    public synchronized List<Envelope> journal(String channelId) {
        List<Envelope> out = new ArrayList<>();
        try (PreparedStatement p = db.prepareStatement("SELECT json FROM envelope WHERE channel_id = ? ORDER BY n")) {
            p.setString(1, channelId);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(Json.read(r.getString(1), Envelope.class));
                }
            }
        } catch (SQLException | IllegalArgumentException e) {
            throw new StoreException("cannot read the journal of " + channelId + ": " + e.getMessage());
        }
        return out;
    }

    /** The channels of a ticket, in the order they were opened. */
    @Override
    public synchronized List<ChannelRecord> channels(String ticketId) {
        List<ChannelRecord> out = new ArrayList<>();
        try (PreparedStatement p = db.prepareStatement(
                "SELECT id, stage, closed_reason, signoff_deadline FROM channel WHERE ticket_id = ? ORDER BY rowid")) {
            p.setString(1, ticketId);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    // wasNull() speaks of the column read last: ask it right after the deadline, before the others.
                    double deadline = r.getDouble(4);
                    Double asked = r.wasNull() ? null : deadline;
                    out.add(new ChannelRecord(r.getString(1), ticketId, Stage.of(r.getString(2)), r.getString(3),
                            asked));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read channels of " + ticketId + ": " + reason(e));
        }
        return out;
    }


    private void update(String sql, Object... args) {
        try (PreparedStatement p = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                p.setObject(i + 1, args[i]);
            }
            p.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot write to " + file + ": " + reason(e), lackOfRoom(e));
        }
    }

    /** A full disk, or one that fails to write: worth trying again once there is room. */
    private static boolean lackOfRoom(SQLException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("SQLITE_FULL") || m.contains("disk is full") || m.contains("SQLITE_IOERR");
    }

    /** Whether a write goes through now (the engine asks while flows are held for want of room). */
    @Override
    public synchronized boolean writable() {
        try {
            update("INSERT INTO meta (key, value) VALUES ('probe', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    String.valueOf(System.currentTimeMillis()));
            return true;
        } catch (StoreException e) {
            return false;
        }
    }

    private static String reason(SQLException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        if (m.contains("SQLITE_NOTADB") || m.contains("not a database")) {
            return "it is not an OpsDeck data file or it is corrupt";
        }
        return m.replaceAll("\\s+", " ");
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close " + file + ": " + reason(e));
        }
    }
}
