package dev.opsdeck.engine.store;

import dev.opsdeck.engine.Json;
import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.event.Outcome;
import dev.opsdeck.engine.ticket.Ticket;
import dev.opsdeck.engine.workflow.Envelope;
import dev.opsdeck.engine.workflow.Stage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's queries, in SQL both adapters speak (upserts with ON CONFLICT, nothing dialect-only), over one
 * connection used under this object's lock. An adapter opens the connection, migrates its schema, and says how its
 * database reports a full disk.
 */
abstract class JdbcStore implements Store {

    private static final Logger log = LoggerFactory.getLogger(JdbcStore.class);

    /** Replaced by an adapter whose database can drop it (see {@link #reopenIfLost}); used under this object's lock. */
    protected Connection db;
    /** What the store is, for messages: the file, or the database. */
    protected final String where;

    protected JdbcStore(Connection db, String where) {
        this.db = db;
        this.where = where;
    }

    /** The file, or the database without its credentials. */
    @Override
    public String toString() {
        return where;
    }

    private static final String UPSERT_TICKET = "INSERT INTO ticket (num, id, json, open, running) VALUES (?, ?, ?, ?, ?)"
            + " ON CONFLICT(num) DO UPDATE SET json = excluded.json, open = excluded.open, running = excluded.running";

    @Override
    public synchronized void saveTicket(Ticket t) {
        upsert(t, Json.write(t));
    }

    private void upsert(Ticket t, String json) {
        boolean open = !t.status().terminal();
        update(UPSERT_TICKET, Ticket.number(t.id()), t.id(), json, open ? 1 : 0, open && !t.waitingForSlot() ? 1 : 0);
    }

    @Override
    public synchronized void record(String origin, List<EngineEvent> events) {
        if (events.stream().noneMatch(e -> logs(e) || e.changesState())) {
            return; // a log line, say: nothing to keep, no transaction to pay for
        }
        inTransaction(() -> {
            guard(events);
            List<EventRows.Row> logged = new ArrayList<>();
            for (EngineEvent e : events) {
                // Each event is written to JSON once: its row in the log holds the ticket's (or envelope's) row.
                String json = logs(e) || e instanceof EngineEvent.TicketCreated || e instanceof EngineEvent.TicketChanged
                        || e instanceof EngineEvent.EnvelopePosted ? EventRows.json(e) : null;
                project(e, json);
                if (logs(e)) {
                    logged.add(new EventRows.Row(e, json));
                }
            }
            if (!logged.isEmpty()) {
                log(origin, logged);
            }
        });
    }

    /**
     * Checks, inside the recording transaction and before anything is written, that this server may write these
     * events: a shared store refuses a flow's write once its lease moved on ({@link StoreException#fenced}).
     */
    protected void guard(List<EngineEvent> events) {
    }

    /** A write that failed, as the engine is told it: worth holding for, refused for good, or fenced. */
    protected StoreException writeFailed(SQLException e) {
        return new StoreException("cannot write to " + where + ": " + reason(e), retryable(e));
    }

    /** Appends events to the log, in order, inside the recording transaction. */
    protected void log(String origin, List<EventRows.Row> rows) {
        for (EventRows.Row r : rows) {
            update("INSERT INTO event (origin, kind, json) VALUES (?, ?, ?)", origin, EventRows.kind(r.event()),
                    r.json());
        }
    }

    /** What an event changes in the tables beside the log; {@code json} is the event's, when it was written. */
    private void project(EngineEvent event, String json) {
        if (event instanceof EngineEvent.TicketCreated e) {
            upsert(e.ticket(), EventRows.inner(json));
        } else if (event instanceof EngineEvent.TicketChanged e) {
            upsert(e.ticket(), EventRows.inner(json));
        } else if (event instanceof EngineEvent.Reset) {
            update("UPDATE ticket SET archived = 1");
            update("DELETE FROM inject");
        } else if (event instanceof EngineEvent.ChannelOpened e) {
            openChannel(e.channelId(), e.ticketId(), e.stage());
        } else if (event instanceof EngineEvent.EnvelopePosted e) {
            Envelope env = e.envelope();
            update("INSERT INTO envelope (channel_id, n, json) VALUES (?, ?, ?)", env.channelId(), env.n(),
                    EventRows.inner(json));
        } else if (event instanceof EngineEvent.ChannelClosed e) {
            closeChannel(e.channelId(), e.reason());
        } else if (event instanceof EngineEvent.SignOffRequested e) {
            setSignOffDeadline(e.channelId(), e.deadline());
        } else if (event instanceof EngineEvent.SignOffResolved e) {
            // However it ended (an answer, the deadline, a reset, a failure, its channel closing), a sign-off takes
            // no later claim: an answer arriving at another server of a team is refused, never taken for nothing.
            update("INSERT INTO answer (channel_id, outcome, decision, by_whom, at, server) VALUES (?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (channel_id) DO NOTHING", e.channelId(), e.outcome().name(), e.decision(), e.by(),
                    System.currentTimeMillis() / 1000.0, server);
        } else if (event instanceof EngineEvent.TicketAcknowledged e) {
            update("INSERT INTO remark (ticket_id, kind, by_whom, at, text) VALUES (?, ?, ?, ?, ?)", e.ticketId(),
                    "ack", e.by(), e.at(), null);
        } else if (event instanceof EngineEvent.CommentAdded e) {
            update("INSERT INTO remark (ticket_id, kind, by_whom, at, text) VALUES (?, ?, ?, ?, ?)", e.ticketId(),
                    "comment", e.by(), e.at(), e.text());
        }
    }

    /** Whether the event goes into the log: ticket events always (tickets are their fold), any event if shared. */
    protected boolean logs(EngineEvent e) {
        return EventRows.aboutTickets(e);
    }

    /** All of {@code work}'s writes, or (whatever fails) none; the failure is the one reported, not the rollback's. */
    private void inTransaction(Runnable work) {
        try {
            db.setAutoCommit(false);
            work.run();
            commit();
        } catch (RuntimeException | SQLException e) {
            try {
                db.rollback();
            } catch (SQLException alreadyRolledBack) {
                // SQLite rolls a transaction back by itself when the disk fills; nothing is left to undo
            }
            if (e instanceof SQLException s) {
                throw writeFailed(s);
            }
            throw (RuntimeException) e;
        } finally {
            try {
                db.setAutoCommit(true);
            } catch (SQLException e) {
                log.warn("{}: cannot return to autocommit ({})", where, e.getMessage());
            }
        }
    }

    /** Commits the recording transaction; a store whose link can drop meanwhile says what was then in doubt. */
    protected void commit() throws SQLException {
        db.commit();
    }

    /** One process writes: the log's order is its ids, and the view includes every row. */
    @Override
    public synchronized View view() {
        long last;
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT COALESCE(MAX(id), 0) FROM event")) {
            last = r.next() ? r.getLong(1) : 0;
        } catch (SQLException e) {
            throw new StoreException("cannot read " + where + ": " + reason(e), lostConnection(e));
        }
        return new View(new Mark(0, last), java.util.Set.of(), tickets(false));
    }

    @Override
    public synchronized List<Logged> eventsAfter(Mark mark, int max) {
        return readEvents(db, "SELECT 0, id, origin, kind, json FROM event WHERE id > ? ORDER BY id LIMIT ?", p -> {
            p.setLong(1, mark.id());
            p.setInt(2, max);
        });
    }

    /** Sets a query's parameters. */
    protected interface Parameters {
        void set(PreparedStatement p) throws SQLException;
    }

    /** Runs a log query whose columns are tx, id, origin, kind, json. */
    protected List<Logged> readEvents(Connection c, String sql, Parameters parameters) {
        List<Logged> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(sql)) {
            parameters.set(p);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new Logged(new Mark(r.getLong(1), r.getLong(2)), r.getString(3),
                            EventRows.read(r.getString(4), r.getString(5))));
                }
            }
        } catch (SQLException | IllegalArgumentException e) {
            throw new StoreException("cannot read the event log of " + where + ": " + e.getMessage(),
                    e instanceof SQLException s && lostConnection(s));
        }
        return out;
    }

    @Override
    public synchronized Optional<Ticket> ticket(String id) {
        try (PreparedStatement p = db.prepareStatement("SELECT json FROM ticket WHERE id = ?")) {
            p.setString(1, id);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(Json.read(r.getString(1), Ticket.class)) : Optional.empty();
            }
        } catch (SQLException | IllegalArgumentException e) {
            throw new StoreException("cannot read " + id + " from " + where + ": " + e.getMessage(),
                    e instanceof SQLException s && lostConnection(s));
        }
    }

    @Override
    public synchronized int openTickets(boolean running) {
        String sql = "SELECT COUNT(*) FROM ticket WHERE archived = 0 AND " + (running ? "running" : "open") + " = 1";
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getInt(1) : 0;
        } catch (SQLException e) {
            throw new StoreException("cannot read " + where + ": " + reason(e), lostConnection(e));
        }
    }

    @Override
    public synchronized boolean claimAnswer(String channelId, Outcome outcome, String decision, String by,
            String requestId, double at) {
        String sql = "INSERT INTO answer (channel_id, outcome, decision, by_whom, at, server, request_id)"
                + " SELECT ?, ?, ?, ?, ?, ?, ?"
                + " WHERE EXISTS"
                + " (SELECT 1 FROM channel WHERE id = ? AND signoff_deadline IS NOT NULL AND closed_reason IS NULL)"
                + " ON CONFLICT (channel_id) DO NOTHING";
        try (PreparedStatement p = db.prepareStatement(sql)) {
            p.setString(1, channelId);
            p.setString(2, outcome.name());
            p.setString(3, decision);
            p.setString(4, by);
            p.setDouble(5, at);
            p.setString(6, server);
            p.setString(7, requestId);
            p.setString(8, channelId);
            boolean claimed = p.executeUpdate() == 1;
            if (claimed) {
                afterClaim(channelId);
            }
            return claimed;
        } catch (SQLException e) {
            throw new StoreException("cannot write to " + where + ": " + reason(e), retryable(e));
        }
    }

    @Override
    public synchronized Optional<KeptRequest> claimKey(String user, String key, String request, double now,
            double stale, double ttl) {
        try {
            return RequestKeyRows.claim(db, user, key, request, now, stale, ttl);
        } catch (SQLException e) {
            throw writeFailed(e);
        }
    }

    @Override
    public synchronized void answerKey(String user, String key, int status, String body) {
        try {
            RequestKeyRows.answer(db, user, key, status, body);
        } catch (SQLException e) {
            throw writeFailed(e);
        }
    }

    @Override
    public synchronized void releaseKey(String user, String key) {
        try {
            RequestKeyRows.release(db, user, key);
        } catch (SQLException e) {
            throw writeFailed(e);
        }
    }

    @Override
    public synchronized boolean claimNotice(String key, String receiver, String body, String holder, double now,
            double stale) {
        try {
            return NoticeRows.claim(db, key, receiver, body, holder, now, stale);
        } catch (SQLException e) {
            throw writeFailed(e);
        }
    }

    @Override
    public synchronized void noticeDone(String key, String receiver) {
        try {
            NoticeRows.done(db, key, receiver);
        } catch (SQLException e) {
            throw writeFailed(e);
        }
    }

    @Override
    public synchronized List<Notice> staleNotices(double now, double stale, List<String> receivers, int max) {
        try {
            return NoticeRows.stale(db, now, stale, receivers, max);
        } catch (SQLException e) {
            throw new StoreException("cannot read " + where + ": " + reason(e), lostConnection(e));
        }
    }

    /** The server writing here, as its answers name it (the team's {@code host:pid}). */
    private volatile String server = "";

    @Override
    public void holder(String name) {
        server = name;
    }

    /** A shared store wakes the server that runs the flow here. */
    protected void afterClaim(String channelId) {
    }

    @Override
    public synchronized Optional<Verdict> answer(String channelId) {
        try (PreparedStatement p = db.prepareStatement(
                "SELECT outcome, decision, by_whom, request_id FROM answer WHERE channel_id = ?")) {
            p.setString(1, channelId);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(new Verdict(channelId, Outcome.valueOf(r.getString(1)), r.getString(2),
                        r.getString(3), r.getString(4))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read " + where + ": " + reason(e), lostConnection(e));
        }
    }

    @Override
    public synchronized OptionalDouble lastInject(String key) {
        try (PreparedStatement p = db.prepareStatement("SELECT at FROM inject WHERE key = ?")) {
            p.setString(1, key);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? OptionalDouble.of(r.getDouble(1)) : OptionalDouble.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read " + where + ": " + reason(e), lostConnection(e));
        }
    }

    @Override
    public synchronized void injected(String key, double at) {
        update("INSERT INTO inject (key, at) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET at = excluded.at", key, at);
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
            throw new StoreException("cannot read channels of " + ticketId + ": " + reason(e), lostConnection(e));
        }
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
            throw new StoreException("cannot read tickets from " + where + ": " + e.getMessage(),
                    e instanceof SQLException s && lostConnection(s));
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
        try (Statement s = db.createStatement()) {
            int highest = 0;
            try (ResultSet r = s.executeQuery("SELECT COALESCE(MAX(num), 0) FROM ticket")) {
                highest = r.next() ? r.getInt(1) : 0;
            }
            try (ResultSet r = s.executeQuery("SELECT value FROM meta WHERE key = 'reserved'")) {
                return r.next() ? Math.max(highest, Integer.parseInt(r.getString(1))) : highest;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read " + where + ": " + reason(e), lostConnection(e));
        }
    }

    @Override
    public synchronized void openChannel(String channelId, String ticketId, Stage stage) {
        update("INSERT INTO channel (id, ticket_id, stage) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING", channelId, ticketId, stage.wire());
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
            throw new StoreException("cannot read the journal of " + channelId + ": " + e.getMessage(),
                    e instanceof SQLException s && lostConnection(s));
        }
        return out;
    }

    /** The channels of a ticket, in the order they were opened. */
    @Override
    public synchronized List<ChannelRecord> channels(String ticketId) {
        List<ChannelRecord> out = new ArrayList<>();
        try (PreparedStatement p = db.prepareStatement(
                "SELECT id, stage, closed_reason, signoff_deadline FROM channel WHERE ticket_id = ? ORDER BY id")) {
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
            throw new StoreException("cannot read channels of " + ticketId + ": " + reason(e), lostConnection(e));
        }
        return out;
    }


    protected void update(String sql, Object... args) {
        try (PreparedStatement p = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                p.setObject(i + 1, args[i]);
            }
            p.executeUpdate();
        } catch (SQLException e) {
            throw writeFailed(e);
        }
    }

    /** Runs a statement whose result, if any, does not matter (a lock, a notification). */
    protected void execute(String sql) {
        try (Statement s = db.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new StoreException("cannot write to " + where + ": " + reason(e), retryable(e));
        }
    }

    /** A database that dropped the connection gets a new one here (the store probes while writes are held). */
    protected void reopenIfLost() throws SQLException {
    }

    /**
     * A read that failed because the database dropped the session (a shared one restarting, a cut link): the flow
     * that read holds and goes on once the store answers again, as for a write with no room. A file store has none.
     */
    protected boolean lostConnection(SQLException e) {
        return false;
    }

    /** A full disk, or one that fails to write: worth trying again once there is room. */
    protected abstract boolean retryable(SQLException e);

    /** The database's words for what went wrong, fit for the operator's terminal. */
    protected abstract String reason(SQLException e);

    /** Whether a write goes through now (the engine asks while flows are held for want of room). */
    @Override
    public synchronized boolean writable() {
        try {
            reopenIfLost();
            update("INSERT INTO meta (key, value) VALUES ('probe', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    String.valueOf(System.currentTimeMillis()));
            return true;
        } catch (StoreException | SQLException e) {
            return false;
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close " + where + ": " + reason(e));
        }
    }
}
