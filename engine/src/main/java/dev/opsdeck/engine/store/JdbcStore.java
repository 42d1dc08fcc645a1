package dev.opsdeck.engine.store;

import dev.opsdeck.engine.Json;
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

/**
 * The store's queries, in SQL both adapters speak (upserts with ON CONFLICT, nothing dialect-only), over one
 * connection used under this object's lock. An adapter opens the connection, migrates its schema, and says how its
 * database reports a full disk.
 */
abstract class JdbcStore implements Store {

    protected final Connection db;
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
            throw new StoreException("cannot write to " + where + ": " + reason(e));
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
            throw new StoreException("cannot read tickets from " + where + ": " + e.getMessage());
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
            throw new StoreException("cannot read " + where + ": " + reason(e));
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
            throw new StoreException("cannot read the journal of " + channelId + ": " + e.getMessage());
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
            throw new StoreException("cannot read channels of " + ticketId + ": " + reason(e));
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
            throw new StoreException("cannot write to " + where + ": " + reason(e), lackOfRoom(e));
        }
    }

    /** A full disk, or one that fails to write: worth trying again once there is room. */
    protected abstract boolean lackOfRoom(SQLException e);

    /** The database's words for what went wrong, fit for the operator's terminal. */
    protected abstract String reason(SQLException e);

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

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close " + where + ": " + reason(e));
        }
    }
}
