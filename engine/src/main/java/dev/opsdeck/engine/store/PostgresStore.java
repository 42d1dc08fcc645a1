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
 * <li>the event log is read in the order of the writing transactions' ids and only below the oldest transaction
 * still writing ({@code pg_snapshot_xmin}), so a reader never skips a row a slower transaction commits later, and
 * writers never wait for each other; {@code NOTIFY} only wakes the readers;
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
    /** Advisory lock classes: one lock per ticket number for leases; one lock for admission. */
    private static final int LEASE = 1_401;
    private static final int ADMISSION = 1_403;
    /** Seconds: to open a session; for any one statement's reply (a cut link fails a statement within it). */
    private static final int CONNECT_TIMEOUT_S = 3;
    private static final int SOCKET_TIMEOUT_S = 4;
    /** Seconds the lease session may take to answer a look at it before its leases count as lost. */
    private static final int LEASE_CHECK_S = 2;
    /** A wait for a row or advisory lock, kept well below the socket's timeout. */
    private static final int LOCK_TIMEOUT_MS = 2_000;
    /** Lock timeouts a server waits through for the team's admission lock before it refuses the inject. */
    private static final int ADMISSION_ATTEMPTS = 5;
    /** What the terminal-status trigger raises (V3). */
    private static final String TERMINAL_KEPT = "OD001";

    private final String jdbcUrl;
    private final String user;
    private final String password;
    /** Guards {@link #leases}, which is replaced when its session is lost (with it, every lease it held). */
    private final Object leaseLock = new Object();
    /** Guards {@link #reader}, replaced when its session is lost (the log is then caught up from where it stood). */
    private final Object readerLock = new Object();
    /** Null while the database is out of reach: no lease can be taken then. */
    private Connection leases;
    private Connection reader;
    /** The epoch of each lease taken on the current lease session, by ticket number (under {@link #leaseLock}). */
    private final java.util.Map<Integer, Long> epochs = new java.util.HashMap<>();
    /** Leases taken here and lost with their session, until released: their flows may not write (under leaseLock). */
    private final java.util.Set<Integer> lost = new java.util.HashSet<>();
    /** The team name of this server, on the lease rows it takes. */
    private volatile String holder = "?";

    private PostgresStore(String jdbcUrl, String user, String password, String where) throws SQLException {
        super(session(jdbcUrl, user, password, "writes"), where);
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.leases = leaseSession();
        this.reader = readerSession();
    }

    private Connection session(String role) throws SQLException {
        return session(jdbcUrl, user, password, role);
    }

    private static Connection session(String jdbcUrl, String user, String password, String role)
            throws SQLException {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("ApplicationName", "opsdeck " + role); // what an operator sees in pg_stat_activity
        // A database out of reach is noticed in seconds, not after TCP's quarter of an hour: no statement of ours
        // takes long, and one that hangs on a cut link fails, so the server can say so and stop its flows.
        p.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_S));
        p.setProperty("socketTimeout", String.valueOf(SOCKET_TIMEOUT_S));
        p.setProperty("tcpKeepAlive", "true");
        Connection c = DriverManager.getConnection(jdbcUrl, p);
        try (Statement st = c.createStatement()) {
            // The database drops the session of a host that vanished within ~5 s (its locks, its open transaction).
            st.execute("SET tcp_keepalives_idle = 2");
            st.execute("SET tcp_keepalives_interval = 1");
            st.execute("SET tcp_keepalives_count = 3");
            // No wait on a lock outlives the socket's timeout: a lock held by a vanished server fails the statement,
            // not the session (and with it every lease it holds).
            st.execute("SET lock_timeout = '" + LOCK_TIMEOUT_MS + "ms'");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private Connection leaseSession() throws SQLException {
        return session("leases");
    }

    private Connection readerSession() throws SQLException {
        Connection c = session("log reader");
        try (Statement st = c.createStatement()) {
            st.execute("LISTEN " + CHANNEL);
        }
        return c;
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
            return new PostgresStore(jdbcUrl, user, password, where);
        } catch (SQLException e) {
            throw new StoreException(where + " cannot be reached (" + e.getMessage() + ")");
        }
    }

    /**
     * Read in one snapshot: the view goes up to the oldest transaction still writing then ({@code from}); the rows of
     * younger transactions that had already committed are in the view too, and are named in {@code seen}.
     */
    @Override
    public synchronized View view() {
        try {
            db.setAutoCommit(false);
            db.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (Statement st = db.createStatement()) {
                long xmin;
                try (ResultSet r = st.executeQuery("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint")) {
                    r.next();
                    xmin = r.getLong(1);
                }
                java.util.Set<Long> seen = new java.util.HashSet<>();
                try (ResultSet r = st.executeQuery("SELECT id FROM event WHERE tx >= pg_snapshot_xmin(pg_current_snapshot())")) {
                    while (r.next()) {
                        seen.add(r.getLong(1));
                    }
                }
                return new View(new Mark(xmin, 0), seen, tickets(false));
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

    /**
     * One statement: the rows in order (each row takes its transaction's id, {@code tx}, by default), and the wake-up
     * for the other servers, which PostgreSQL sends at the commit. No lock: readers order by {@code (tx, id)} and stop
     * below the oldest transaction still writing, so concurrent writers commit in any order without a reader ever
     * passing a row that is yet to commit.
     */
    @Override
    protected void log(String origin, List<EventRows.Row> rows) {
        StringBuilder sql = new StringBuilder("WITH e AS (INSERT INTO event (origin, kind, json)"
                + " SELECT v.origin, v.kind, v.json FROM (VALUES ");
        for (int i = 0; i < rows.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(").append(i).append(", ?::text, ?::text, ?::text)");
        }
        sql.append(") AS v(n, origin, kind, json) ORDER BY v.n RETURNING id)"
                + " SELECT pg_notify('" + CHANNEL + "', '') FROM (SELECT 1 FROM e LIMIT 1) AS any_row");
        try (PreparedStatement p = db.prepareStatement(sql.toString())) {
            int at = 1;
            for (EventRows.Row r : rows) {
                p.setString(at++, origin);
                p.setString(at++, EventRows.kind(r.event()));
                p.setString(at++, r.json());
            }
            p.execute();
        } catch (SQLException e) {
            throw writeFailed(e);
        }
    }

    @Override
    protected void afterClaim(String channelId) {
        try (PreparedStatement p = db.prepareStatement("SELECT pg_notify('" + CHANNEL + "', ?)")) {
            p.setString(1, ANSWERED + channelId);
            p.execute();
        } catch (SQLException e) {
            throw new StoreException("cannot write to " + where + ": " + reason(e), retryable(e));
        }
    }

    @Override
    public synchronized int issueNumber() {
        try (Statement st = db.createStatement(); ResultSet r = st.executeQuery("SELECT nextval('ticket_number')")) {
            r.next();
            return r.getInt(1);
        } catch (SQLException e) {
            throw new StoreException("cannot issue a ticket number from " + where + ": " + reason(e), retryable(e));
        }
    }

    @Override
    public void holder(String name) {
        holder = name;
    }

    /**
     * The advisory lock first (only one live session holds it), then a new epoch for the flow: every write of the
     * server that held it before is refused from now on. A lease row still locked by that server's last write (its
     * session not yet dropped) is not waited for beyond the lock timeout: the lock is given back and the flow is
     * tried again at the next look.
     */
    @Override
    public boolean lease(String ticketId) {
        int number = Ticket.number(ticketId);
        synchronized (leaseLock) {
            if (!onLeases("SELECT pg_try_advisory_lock(" + LEASE + ", ?)", number)) {
                return false;
            }
            try (PreparedStatement p = leases.prepareStatement("INSERT INTO lease (num, epoch, holder, taken_at)"
                    + " VALUES (?, 1, ?, extract(epoch FROM now())) ON CONFLICT (num) DO UPDATE SET"
                    + " epoch = lease.epoch + 1, holder = excluded.holder, taken_at = excluded.taken_at"
                    + " RETURNING epoch")) {
                p.setInt(1, number);
                p.setString(2, holder);
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    epochs.put(number, r.getLong(1));
                    lost.remove(number);
                    return true;
                }
            } catch (SQLException e) {
                onLeases("SELECT pg_advisory_unlock(" + LEASE + ", ?)", number);
                if ("55P03".equals(e.getSQLState())) { // lock_not_available: the old holder's write still open
                    return false;
                }
                throw new StoreException("cannot take the lease of " + ticketId + " in " + where + ": " + reason(e),
                        retryable(e));
            }
        }
    }

    /** Gives a lease back; one whose session was lost is only forgotten (the database freed it with the session). */
    @Override
    public void release(String ticketId) {
        int number = Ticket.number(ticketId);
        synchronized (leaseLock) {
            boolean onThisSession = epochs.remove(number) != null;
            lost.remove(number);
            if (onThisSession && leases != null) {
                try {
                    onLeases("SELECT pg_advisory_unlock(" + LEASE + ", ?)", number);
                } catch (StoreException sessionGone) {
                    // the database freed the lock with the session; the loss is told by leasesHeld
                }
            }
        }
    }

    /** Whether this server holds the lease of a ticket's flow under the current epoch (one database read). */
    @Override
    public boolean holdsLease(String ticketId) {
        int number = Ticket.number(ticketId);
        Long mine;
        synchronized (leaseLock) {
            mine = epochs.get(number);
        }
        if (mine == null) {
            return false;
        }
        synchronized (this) {
            try (PreparedStatement p = db.prepareStatement("SELECT epoch FROM lease WHERE num = ?")) {
                p.setInt(1, number);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() && r.getLong(1) == mine;
                }
            } catch (SQLException e) {
                throw new StoreException("cannot read " + where + ": " + reason(e), retryable(e));
            }
        }
    }

    /** The fencing check of every write (see {@link Fencing}), in the writing transaction. */
    @Override
    protected void guard(List<EngineEvent> events) {
        java.util.Map<Integer, Long> held;
        java.util.Set<Integer> gone;
        synchronized (leaseLock) {
            held = java.util.Map.copyOf(epochs);
            gone = java.util.Set.copyOf(lost);
        }
        try {
            Fencing.check(db, events, held, gone, where);
        } catch (SQLException e) {
            throw writeFailed(e);
        }
    }

    @Override
    protected StoreException writeFailed(SQLException e) {
        if (TERMINAL_KEPT.equals(e.getSQLState())) {
            return StoreException.fenced("not written to " + where + ": " + reason(e));
        }
        return super.writeFailed(e);
    }

    @Override
    public <T> T exclusively(Supplier<T> work) {
        admission();
        try {
            return work.get();
        } finally {
            onLeases("SELECT pg_advisory_unlock(" + ADMISSION + ", ?)", 0);
        }
    }

    /**
     * Takes the team's admission lock, waiting for another server's admission in steps of the lock timeout (each
     * statement well within the socket's timeout, so a long wait never costs the lease session).
     */
    private void admission() {
        for (int attempt = 1; ; attempt++) {
            synchronized (leaseLock) {
                if (leases == null) {
                    throw new StoreException("cannot reach " + where + " (no lease session)", true);
                }
                try (Statement st = leases.createStatement()) {
                    st.execute("SELECT pg_advisory_lock(" + ADMISSION + ", 0)");
                    return;
                } catch (SQLException e) {
                    if (!"55P03".equals(e.getSQLState())) {
                        throw new StoreException("lost the lease connection to " + where + ": " + reason(e),
                                retryable(e));
                    }
                    if (attempt == ADMISSION_ATTEMPTS) {
                        throw new StoreException("not admitted: another server of the team has held its admission"
                                + " lock for over " + ADMISSION_ATTEMPTS * LOCK_TIMEOUT_MS / 1000 + " s; try again");
                    }
                }
            }
        }
    }

    /**
     * Whether the session holding this server's leases is still there; if it was lost (the database restarted, the
     * network dropped it), so were the leases: false says so, once, and the flows of those leases may write nothing
     * more until they are released. A new session is opened for the next leases, now or at a later call.
     */
    @Override
    public boolean leasesHeld() {
        synchronized (leaseLock) {
            if (leases != null) {
                boolean alive;
                try {
                    alive = leases.isValid(LEASE_CHECK_S); // a cut link answers nothing: told in seconds
                } catch (SQLException gone) {
                    alive = false;
                }
                if (alive) {
                    return true;
                }
                try {
                    leases.close();
                } catch (SQLException alreadyGone) {
                    // the session is gone either way
                }
                // The loss is told now; a new session is opened at the next call, so the flows stop without
                // waiting for a connection attempt that may time out.
                leases = null;
                lost.addAll(epochs.keySet());
                epochs.clear();
                return false;
            }
            reopenLeases();
            return true; // its loss was told when it was found
        }
    }

    /** Under leaseLock: a new lease session if the database answers; none (yet) if it does not. */
    private void reopenLeases() {
        try {
            leases = leaseSession();
        } catch (SQLException e) {
            leases = null;
        }
    }

    /** Whether every session of this store is there now (the writes, the leases, the log reader). */
    @Override
    public boolean reachable() {
        synchronized (leaseLock) {
            if (leases == null) {
                return false;
            }
        }
        try {
            synchronized (readerLock) {
                if (!reader.isValid(SOCKET_TIMEOUT_S)) {
                    return false;
                }
            }
            synchronized (this) {
                return db.isValid(SOCKET_TIMEOUT_S);
            }
        } catch (SQLException e) {
            return false;
        }
    }

    private boolean onLeases(String sql, int number) {
        synchronized (leaseLock) {
            if (leases == null) {
                throw new StoreException("cannot reach " + where + " (no lease session)", true);
            }
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
    public List<Logged> eventsAfter(Mark mark, int max) {
        synchronized (readerLock) {
            return readEvents(reader, "SELECT tx::text::bigint, id, origin, kind, json FROM event"
                    + " WHERE (tx, id) > (CAST(? AS xid8), ?) AND tx < pg_snapshot_xmin(pg_current_snapshot())"
                    + " ORDER BY tx, id LIMIT ?", p -> {
                        p.setString(1, Long.toString(mark.tx()));
                        p.setLong(2, mark.id());
                        p.setInt(3, max);
                    });
        }
    }

    @Override
    public boolean logPending(Mark mark) {
        synchronized (readerLock) {
            try (PreparedStatement p = reader.prepareStatement("SELECT EXISTS (SELECT 1 FROM event"
                    + " WHERE (tx, id) > (CAST(? AS xid8), ?) AND tx >= pg_snapshot_xmin(pg_current_snapshot()))")) {
                p.setString(1, Long.toString(mark.tx()));
                p.setLong(2, mark.id());
                try (ResultSet r = p.executeQuery()) {
                    return r.next() && r.getBoolean(1);
                }
            } catch (SQLException e) {
                throw new StoreException("cannot read the event log of " + where + ": " + reason(e));
            }
        }
    }

    @Override
    public News awaitNews(long millis) {
        synchronized (readerLock) {
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
                throw new StoreException("lost the log reader's session to " + where + ": " + reason(e));
            }
        }
    }

    /**
     * Every session that failed is replaced: the log reader (listening again; the next read catches up from where it
     * stood), the writes session, and the lease session (whose leases, if it had any, are then lost: see
     * {@link #leasesHeld}, which tells it).
     */
    @Override
    public void recover() {
        synchronized (readerLock) {
            try {
                if (!reader.isValid(SOCKET_TIMEOUT_S)) {
                    reader.close();
                    reader = readerSession();
                }
            } catch (SQLException e) {
                throw new StoreException("cannot reach " + where + " again yet: " + reason(e), true);
            }
        }
        synchronized (this) {
            try {
                reopenIfLost();
            } catch (SQLException e) {
                throw new StoreException("cannot reach " + where + " again yet: " + reason(e), true);
            }
        }
        synchronized (leaseLock) {
            if (leases == null) { // one that is there but dead is found, and its loss told, by leasesHeld
                reopenLeases();
            }
            if (leases == null) {
                throw new StoreException("cannot reach " + where + " again yet (no lease session)", true);
            }
        }
    }

    /** One query, not one per ticket: the leases held are the granted advisory locks of their class. */
    @Override
    public List<String> orphans() {
        String sql = "SELECT t.id FROM ticket t WHERE t.archived = 0 AND t.open = 1 AND NOT EXISTS (SELECT 1 FROM"
                + " pg_locks l WHERE l.locktype = 'advisory' AND l.classid = " + LEASE + " AND l.objid = t.num"
                + " AND l.objsubid = 2 AND l.granted) ORDER BY t.num";
        synchronized (readerLock) {
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
        for (Connection c : new Connection[] {leases, reader}) { // the database frees the leases with the session
            try {
                if (c != null) {
                    c.close();
                }
            } catch (SQLException e) {
                // closing anyway: the database frees the session's locks
            }
        }
        super.close();
    }

    /**
     * Writes worth holding for: class 53, insufficient resources (53100 is a full disk); class 08, the connection is
     * gone; 57P01-57P03, the server is shutting down or starting. The room probe reopens the connection.
     */
    @Override
    protected boolean retryable(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return state.startsWith("53") || state.startsWith("08") || state.matches("57P0[123]");
    }

    /** Class 08, the connection is gone; 57P01-57P03, the server is shutting down or starting. */
    @Override
    protected boolean lostConnection(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return state.startsWith("08") || state.matches("57P0[123]");
    }

    @Override
    protected void reopenIfLost() throws SQLException {
        if (!db.isValid(2)) {
            try {
                db.close();
            } catch (SQLException alreadyGone) {
                // replaced below either way
            }
            db = session("writes");
        }
    }

    @Override
    protected String reason(SQLException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        return m.replaceAll("\\s+", " ");
    }
}
