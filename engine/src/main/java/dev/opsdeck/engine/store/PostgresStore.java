package dev.opsdeck.engine.store;

import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.ticket.Ticket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The store on PostgreSQL, shared by every server of a team: the same queries as the embedded one
 * ({@link JdbcStore}), its schema kept by Flyway under {@code store/postgresql}, and what sharing needs, each done by
 * PostgreSQL itself rather than by hand:
 * <ul>
 * <li>the event log's ids are in commit order (an append takes a transaction lock first), so a server that reads
 * {@code id > last} never skips a row a slower transaction commits later; {@code NOTIFY} only wakes the readers;
 * <li>a flow's lease is a session advisory lock on its ticket number, held on a connection of its own: when a server
 * dies its connection closes and the lock is free at once (TCP keepalives bound it to seconds if the host vanishes);
 * <li>ticket numbers come from a sequence; admission (cap, debounce) runs under a session advisory lock.
 * </ul>
 * Three connections: writes, leases and admission, and the log reader that listens.
 */
public final class PostgresStore extends JdbcStore {

    private static final String CHANNEL = "opsdeck";
    /** A notification's payload: empty for events logged, this and a channel id for a claimed answer. */
    private static final String ANSWERED = "answered:";
    /** Advisory lock classes: one per ticket number for leases; one lock each for the log's order and admission. */
    private static final int LEASE = 1_401;
    private static final int ORDER = 1_402;
    private static final int ADMISSION = 1_403;

    private final Connection leases;
    private final Connection reader;

    private PostgresStore(Connection db, Connection leases, Connection reader, String where) {
        super(db, where);
        this.leases = leases;
        this.reader = reader;
    }

    /**
     * Opens the store in the database at {@code jdbcUrl}, migrating its schema first.
     *
     * @throws StoreException with one line saying why when the database cannot be reached, migrated, or is newer
     */
    public static PostgresStore open(String jdbcUrl, String user, String password) {
        String where = "database " + jdbcUrl.replaceFirst("^jdbc:", "");
        Flyway flyway = Flyway.configure().dataSource(jdbcUrl, user, password)
                .locations("classpath:dev/opsdeck/engine/store/postgresql").load();
        try {
            flyway.migrate();
        } catch (FlywayException e) {
            throw new StoreException(where + " cannot be used (" + e.getMessage().lines().findFirst().orElse("")
                    + ")");
        }
        for (MigrationInfo m : flyway.info().all()) {
            if (m.getState() == MigrationState.FUTURE_SUCCESS) {
                throw new StoreException(where + " was written by a newer OpsDeck (schema " + m.getVersion()
                        + "); run that version");
            }
        }
        try {
            Connection leases = DriverManager.getConnection(jdbcUrl, user, password);
            try (Statement st = leases.createStatement()) {
                // A host that vanishes without closing its socket loses its leases within ~5 s, not hours.
                st.execute("SET tcp_keepalives_idle = 2");
                st.execute("SET tcp_keepalives_interval = 1");
                st.execute("SET tcp_keepalives_count = 3");
            }
            Connection reader = DriverManager.getConnection(jdbcUrl, user, password);
            try (Statement st = reader.createStatement()) {
                st.execute("LISTEN " + CHANNEL);
            }
            return new PostgresStore(DriverManager.getConnection(jdbcUrl, user, password), leases, reader, where);
        } catch (SQLException e) {
            throw new StoreException(where + " cannot be reached (" + e.getMessage() + ")");
        }
    }

    /** Read in one snapshot: a ticket changed by an event logged after the mark is not yet changed in the view. */
    @Override
    public synchronized View view() {
        try {
            db.setAutoCommit(false);
            db.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                return super.view();
            } finally {
                db.commit();
                db.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                db.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read " + where + ": " + reason(e));
        }
    }

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    protected boolean logs(EngineEvent e) {
        return true;
    }

    @Override
    protected void beforeLogging() {
        execute("SELECT pg_advisory_xact_lock(" + ORDER + ", 0)");
    }

    @Override
    protected void afterLogging() {
        execute("SELECT pg_notify('" + CHANNEL + "', '')");
    }

    @Override
    protected void afterClaim(String channelId) {
        try (PreparedStatement p = db.prepareStatement("SELECT pg_notify('" + CHANNEL + "', ?)")) {
            p.setString(1, ANSWERED + channelId);
            p.execute();
        } catch (SQLException e) {
            throw new StoreException("cannot write to " + where + ": " + reason(e), lackOfRoom(e));
        }
    }

    @Override
    public synchronized int issueNumber() {
        try (Statement st = db.createStatement(); ResultSet r = st.executeQuery("SELECT nextval('ticket_number')")) {
            r.next();
            return r.getInt(1);
        } catch (SQLException e) {
            throw new StoreException("cannot issue a ticket number from " + where + ": " + reason(e), lackOfRoom(e));
        }
    }

    @Override
    public boolean lease(String ticketId) {
        return onLeases("SELECT pg_try_advisory_lock(" + LEASE + ", ?)", Ticket.number(ticketId));
    }

    @Override
    public void release(String ticketId) {
        onLeases("SELECT pg_advisory_unlock(" + LEASE + ", ?)", Ticket.number(ticketId));
    }

    @Override
    public <T> T exclusively(Supplier<T> work) {
        onLeases("SELECT pg_advisory_lock(" + ADMISSION + ", ?) IS NULL", 0);
        try {
            return work.get();
        } finally {
            onLeases("SELECT pg_advisory_unlock(" + ADMISSION + ", ?)", 0);
        }
    }

    private boolean onLeases(String sql, int number) {
        synchronized (leases) {
            try (PreparedStatement p = leases.prepareStatement(sql)) {
                p.setInt(1, number);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() && r.getBoolean(1);
                }
            } catch (SQLException e) {
                throw new StoreException("lost the lease connection to " + where + ": " + reason(e));
            }
        }
    }

    /** Read on the listening connection, so a reader never waits behind the writers. */
    @Override
    public List<Logged> eventsAfter(long id, int max) {
        synchronized (reader) {
            return readEvents(reader, id, max);
        }
    }

    @Override
    public News awaitNews(long millis) {
        synchronized (reader) {
            try {
                PGNotification[] news = reader.unwrap(PGConnection.class).getNotifications((int) millis);
                boolean logged = false;
                List<String> answered = new java.util.ArrayList<>();
                for (PGNotification n : news == null ? new PGNotification[0] : news) {
                    if (n.getParameter().startsWith(ANSWERED)) {
                        answered.add(n.getParameter().substring(ANSWERED.length()));
                    } else {
                        logged = true;
                    }
                }
                return new News(logged, answered);
            } catch (SQLException e) {
                throw new StoreException("lost the listening connection to " + where + ": " + reason(e));
            }
        }
    }

    /** One query, not one per ticket: the leases held are the granted advisory locks of their class. */
    @Override
    public List<String> orphans() {
        String sql = "SELECT t.id FROM ticket t WHERE t.archived = 0 AND t.open = 1 AND NOT EXISTS (SELECT 1 FROM"
                + " pg_locks l WHERE l.locktype = 'advisory' AND l.classid = " + LEASE + " AND l.objid = t.num"
                + " AND l.objsubid = 2 AND l.granted) ORDER BY t.num";
        synchronized (reader) {
            List<String> out = new java.util.ArrayList<>();
            try (Statement st = reader.createStatement(); ResultSet r = st.executeQuery(sql)) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            } catch (SQLException e) {
                throw new StoreException("cannot read " + where + ": " + reason(e));
            }
            return out;
        }
    }

    @Override
    public synchronized void close() {
        for (Connection c : List.of(leases, reader)) {
            try {
                c.close();
            } catch (SQLException e) {
                // closing anyway: the database frees the session's locks
            }
        }
        super.close();
    }

    /** PostgreSQL's class 53: insufficient resources (53100 is a full disk). */
    @Override
    protected boolean lackOfRoom(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("53");
    }

    @Override
    protected String reason(SQLException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        return m.replaceAll("\\s+", " ");
    }
}
