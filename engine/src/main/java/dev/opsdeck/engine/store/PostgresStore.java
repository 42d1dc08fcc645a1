package dev.opsdeck.engine.store;

import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.ticket.Ticket;
import java.sql.Connection;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store on PostgreSQL, shared by every server of a team: the same queries as the embedded one
 * ({@link JdbcStore}), its schema kept by Flyway under {@code store/postgresql}, and what sharing needs, each done by
 * PostgreSQL itself rather than by hand:
 * <ul>
 * <li>the event log is read in the order of the writing transactions' ids and only below the oldest transaction
 * still writing ({@code pg_snapshot_xmin}), so a reader never skips a row a slower transaction commits later, and
 * writers never wait for each other; {@code NOTIFY} only wakes the readers;
 * <li>a flow's lease is a session advisory lock on its ticket number and an epoch ({@link LeaseSession}), and every
 * write a flow makes checks that epoch in its own transaction ({@link Fencing}): a server that lost a lease cannot
 * write for its flow, whatever it still believes;
 * <li>a terminal status is never undone (a trigger, V3);
 * <li>ticket numbers come from a sequence; admission (cap, debounce) runs under a session advisory lock.
 * </ul>
 * Three sessions ({@link Sessions}, each bounded in time): writes, leases and admission, and the log reader that
 * listens; each is replaced when the database drops it.
 */
public final class PostgresStore extends JdbcStore {

    private static final Logger log = LoggerFactory.getLogger(PostgresStore.class);
    private static final String CHANNEL = "opsdeck";
    /** A notification's payload: empty for events logged, this and a channel id for a claimed answer. */
    private static final String ANSWERED = "answered:";
    /** What the terminal-status trigger raises (V3). */
    private static final String TERMINAL_KEPT = "OD001";

    private final Sessions sessions;
    private final LeaseSession leases;
    /** Guards {@link #reader}, replaced when its session is lost (the log is then caught up from where it stood). */
    private final Object readerLock = new Object();
    private Connection reader;

    private PostgresStore(Sessions sessions, String where) throws SQLException {
        super(sessions.open("writes"), where);
        this.sessions = sessions;
        this.leases = new LeaseSession(sessions, where);
        this.reader = readerSession();
    }

    private Connection readerSession() throws SQLException {
        Connection c = sessions.open("log reader");
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
            return new PostgresStore(new Sessions(jdbcUrl, user, password), where);
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
        // One wake-up whatever the rows: PostgreSQL delivers a transaction's identical notifications once.
        sql.append(") AS v(n, origin, kind, json) ORDER BY v.n RETURNING id)"
                + " SELECT e.id, pg_notify('" + CHANNEL + "', '') FROM e");
        written.clear();
        try (PreparedStatement p = db.prepareStatement(sql.toString())) {
            int at = 1;
            for (EventRows.Row r : rows) {
                p.setString(at++, origin);
                p.setString(at++, EventRows.kind(r.event()));
                p.setString(at++, r.json());
            }
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    written.add(r.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw writeFailed(e);
        }
    }

    /** The log rows of the transaction being written; under this object's lock. */
    private final List<Long> written = new java.util.ArrayList<>();
    /** Rows whose commit is under way: a reader that meets one waits for its outcome. */
    private final java.util.Set<Long> committing = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Rows written here whose commit lost its answer: committed or not, only the log can say. */
    private final java.util.Set<Long> inDoubt = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Override
    protected void commit() throws SQLException {
        committing.addAll(written);
        try {
            db.commit();
        } catch (SQLException e) {
            if (lostConnection(e)) {
                inDoubt.addAll(written); // before they leave committing: a reader never finds a row in neither
                log.warn("{}: the link dropped while committing {} logged event(s); the log tells whether they were"
                        + " written", where, written.size());
            }
            throw e;
        } finally {
            committing.removeAll(written);
            written.clear();
        }
    }

    @Override
    public boolean committedInDoubt(Mark mark) {
        return committing.contains(mark.id()) ? afterCommit(mark.id()) : inDoubt.remove(mark.id());
    }

    /** The writer holds this object's lock until its commit's outcome is known. */
    private synchronized boolean afterCommit(long id) {
        return inDoubt.remove(id);
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
        super.holder(name);
        leases.holder(name);
    }

    /** See {@link LeaseSession#lease}. */
    @Override
    public boolean lease(String ticketId) {
        return leases.lease(ticketId);
    }

    @Override
    public void release(String ticketId) {
        leases.release(ticketId);
    }

    /** Whether this server holds the lease of a ticket's flow under the current epoch (one database read). */
    @Override
    public boolean holdsLease(String ticketId) {
        Long mine = leases.epoch(ticketId);
        if (mine == null) {
            return false;
        }
        synchronized (this) {
            try (PreparedStatement p = db.prepareStatement("SELECT epoch FROM lease WHERE num = ?")) {
                p.setInt(1, Ticket.number(ticketId));
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
        try {
            Fencing.check(db, events, leases.epochs(), leases.lost(), where);
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
        leases.admit();
        try {
            return work.get();
        } finally {
            leases.unadmit();
        }
    }

    /** See {@link LeaseSession#held}. */
    @Override
    public boolean leasesHeld() {
        return leases.held();
    }

    /** Whether every session of this store is there now (the writes, the leases, the log reader). */
    @Override
    public boolean reachable() {
        if (!leases.ensureOpen()) {
            return false;
        }
        try {
            synchronized (readerLock) {
                if (!reader.isValid(Sessions.SOCKET_TIMEOUT_S)) {
                    return false;
                }
            }
            synchronized (this) {
                return db.isValid(Sessions.SOCKET_TIMEOUT_S);
            }
        } catch (SQLException e) {
            return false;
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

    /** On the writes' session: the follower holds the reader's while it waits for news. */
    @Override
    public synchronized List<Logged> logAfter(Mark mark, int max) {
        return readEvents(db, "SELECT tx::text::bigint, id, origin, kind, json FROM event"
                + " WHERE (tx, id) > (CAST(? AS xid8), ?) AND tx < pg_snapshot_xmin(pg_current_snapshot())"
                + " ORDER BY tx, id LIMIT ?", p -> {
                    p.setString(1, Long.toString(mark.tx()));
                    p.setLong(2, mark.id());
                    p.setInt(3, max);
                });
    }

    @Override
    public synchronized boolean logHas(Mark mark) {
        try (PreparedStatement p = db.prepareStatement("SELECT 1 FROM event WHERE id = ? AND tx = CAST(? AS xid8)")) {
            p.setLong(1, mark.id());
            p.setString(2, Long.toString(mark.tx()));
            try (ResultSet r = p.executeQuery()) {
                return r.next();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the event log of " + where + ": " + reason(e), retryable(e));
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
                if (!reader.isValid(Sessions.SOCKET_TIMEOUT_S)) {
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
        if (!leases.ensureOpen()) {
            throw new StoreException("cannot reach " + where + " again yet (no lease session)", true);
        }
    }

    /** One query, not one per ticket: the leases held are the granted advisory locks of their class. */
    @Override
    public List<String> orphans() {
        String sql = "SELECT t.id FROM ticket t WHERE t.archived = 0 AND t.open = 1 AND NOT EXISTS (SELECT 1 FROM"
                + " pg_locks l WHERE l.locktype = 'advisory' AND l.classid = " + LeaseSession.LEASE + " AND l.objid = t.num"
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

    /** On the log reader's session, which only the team's thread uses: no flow's write waits behind a beat. */
    @Override
    public void present(String server, List<dev.opsdeck.engine.presence.Person> people) {
        synchronized (readerLock) {
            try {
                reader.setAutoCommit(false);
                try {
                    try (PreparedStatement p = reader.prepareStatement("INSERT INTO presence_beat (server, beat)"
                            + " VALUES (?, now()) ON CONFLICT (server) DO UPDATE SET beat = now()")) {
                        p.setString(1, server);
                        p.execute();
                    }
                    try (PreparedStatement p = reader.prepareStatement("DELETE FROM presence WHERE server = ?")) {
                        p.setString(1, server);
                        p.execute();
                    }
                    try (PreparedStatement p = reader.prepareStatement("INSERT INTO presence (server, name, via,"
                            + " since, connections) VALUES (?, ?, ?, ?, ?)")) {
                        for (dev.opsdeck.engine.presence.Person who : people) {
                            p.setString(1, server);
                            p.setString(2, who.name());
                            p.setString(3, who.via());
                            p.setDouble(4, who.since());
                            p.setInt(5, who.connections());
                            p.addBatch();
                        }
                        p.executeBatch();
                    }
                    // Servers gone for long leave no rows behind (a dead one's stay a while: they are ignored).
                    try (Statement st = reader.createStatement()) {
                        st.execute("DELETE FROM presence_beat WHERE beat < now() - interval '1 hour'");
                        st.execute("DELETE FROM presence p WHERE NOT EXISTS (SELECT 1 FROM presence_beat b"
                                + " WHERE b.server = p.server)");
                    }
                    reader.commit();
                } catch (SQLException e) {
                    reader.rollback();
                    throw e;
                } finally {
                    reader.setAutoCommit(true);
                }
            } catch (SQLException e) {
                throw new StoreException("cannot write presence to " + where + ": " + reason(e));
            }
        }
    }

    @Override
    public void absent(String server) {
        synchronized (readerLock) {
            try (PreparedStatement p = reader.prepareStatement("DELETE FROM presence WHERE server = ?");
                    PreparedStatement b = reader.prepareStatement("DELETE FROM presence_beat WHERE server = ?")) {
                p.setString(1, server);
                p.execute();
                b.setString(1, server);
                b.execute();
            } catch (SQLException e) {
                throw new StoreException("cannot write presence to " + where + ": " + reason(e));
            }
        }
    }

    @Override
    public List<dev.opsdeck.engine.presence.Person> presence() {
        String sql = "SELECT p.name, p.via, p.server, p.since, p.connections FROM presence p JOIN presence_beat b"
                + " ON b.server = p.server WHERE b.beat > now() - make_interval(secs => " + PRESENCE_LEASE.toSeconds()
                + ") ORDER BY p.name, p.server, p.via";
        synchronized (readerLock) {
            List<dev.opsdeck.engine.presence.Person> out = new java.util.ArrayList<>();
            try (Statement st = reader.createStatement(); ResultSet r = st.executeQuery(sql)) {
                while (r.next()) {
                    out.add(new dev.opsdeck.engine.presence.Person(r.getString(1), r.getString(2), r.getString(3),
                            r.getDouble(4), r.getInt(5)));
                }
            } catch (SQLException e) {
                throw new StoreException("cannot read presence from " + where + ": " + reason(e));
            }
            return out;
        }
    }

    @Override
    public synchronized void close() {
        leases.close(); // the database frees the leases with the session
        try {
            reader.close();
        } catch (SQLException e) {
            // closing anyway
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

    @Override
    protected boolean lostConnection(SQLException e) {
        return Sessions.lostConnection(e);
    }

    @Override
    protected void reopenIfLost() throws SQLException {
        if (!db.isValid(2)) {
            try {
                db.close();
            } catch (SQLException alreadyGone) {
                // replaced below either way
            }
            db = sessions.open("writes");
        }
    }

    @Override
    protected String reason(SQLException e) {
        return Sessions.reason(e);
    }
}
