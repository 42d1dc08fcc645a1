package dev.opsdeck.engine.store;

import dev.opsdeck.engine.ticket.Ticket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * This server's leases on the team's PostgreSQL, on a session of their own: a flow's lease is a session advisory lock
 * on its ticket number (when a server dies its session closes and the lock is free at once) and an epoch in the
 * {@code lease} table, raised by every server that takes the lock, which fences the writes of whoever held it before
 * ({@link Fencing}). The team's admission lock lives on this session too. Everything here is under this object's
 * lock; the session is replaced when it is lost, and with it every lease it held.
 */
final class LeaseSession implements AutoCloseable {

    /** Advisory lock classes: one lock per ticket number for leases; one lock for admission. */
    static final int LEASE = 1_401;
    private static final int ADMISSION = 1_403;
    /** Seconds the session may take to answer a look at it before its leases count as lost. */
    private static final int CHECK_S = 2;
    /** Lock timeouts a server waits through for the team's admission lock before it refuses the inject. */
    private static final int ADMISSION_ATTEMPTS = 5;

    private final Sessions sessions;
    private final String where;
    /** Null while the database is out of reach: no lease can be taken then. */
    private Connection session;
    /** The epoch of each lease taken on the current session, by ticket number. */
    private final Map<Integer, Long> epochs = new HashMap<>();
    /** Leases taken here and lost with their session, until released: their flows may not write. */
    private final Set<Integer> lost = new HashSet<>();
    /** The team name of this server, on the lease rows it takes. */
    private String holder = "?";

    LeaseSession(Sessions sessions, String where) throws SQLException {
        this.sessions = sessions;
        this.where = where;
        this.session = sessions.open("leases");
    }

    synchronized void holder(String name) {
        holder = name;
    }

    /**
     * The advisory lock first (only one live session holds it), then a new epoch for the flow: every write of the
     * server that held it before is refused from now on. A lease row still locked by that server's last write (its
     * session not yet dropped) is not waited for beyond the lock timeout: the lock is given back and the flow is
     * tried again at the next look.
     */
    synchronized boolean lease(String ticketId) {
        int number = Ticket.number(ticketId);
        if (!onSession("SELECT pg_try_advisory_lock(" + LEASE + ", ?)", number)) {
            return false;
        }
        try (PreparedStatement p = session.prepareStatement("INSERT INTO lease (num, epoch, holder, taken_at)"
                + " VALUES (?, 1, ?, extract(epoch FROM now())) ON CONFLICT (num) DO UPDATE SET"
                + " epoch = lease.epoch + 1, holder = excluded.holder, taken_at = excluded.taken_at RETURNING epoch")) {
            p.setInt(1, number);
            p.setString(2, holder);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                epochs.put(number, r.getLong(1));
                lost.remove(number);
                return true;
            }
        } catch (SQLException e) {
            onSession("SELECT pg_advisory_unlock(" + LEASE + ", ?)", number);
            if (Sessions.LOCK_NOT_AVAILABLE.equals(e.getSQLState())) { // the old holder's write is still open
                return false;
            }
            throw new StoreException("cannot take the lease of " + ticketId + " in " + where + ": "
                    + Sessions.reason(e), Sessions.lostConnection(e));
        }
    }

    /** Gives a lease back; one whose session was lost is only forgotten (the database freed it with the session). */
    synchronized void release(String ticketId) {
        int number = Ticket.number(ticketId);
        boolean onThisSession = epochs.remove(number) != null;
        lost.remove(number);
        if (onThisSession && session != null) {
            try {
                onSession("SELECT pg_advisory_unlock(" + LEASE + ", ?)", number);
            } catch (StoreException sessionGone) {
                // the database freed the lock with the session; the loss is told by held()
            }
        }
    }

    /** The epoch this server took a ticket's lease with, or null if it holds none on this session. */
    synchronized Long epoch(String ticketId) {
        return epochs.get(Ticket.number(ticketId));
    }

    /** The epochs held, by ticket number, and the leases lost and not yet released: what {@link Fencing} checks. */
    synchronized Map<Integer, Long> epochs() {
        return Map.copyOf(epochs);
    }

    synchronized Set<Integer> lost() {
        return Set.copyOf(lost);
    }

    /**
     * Whether the session is still there; if it was lost (the database restarted, the network dropped it), so were
     * the leases: false says so, once, and the flows of those leases may write nothing more until they are released.
     * The loss is told at once; a new session is opened at the next call, so the flows stop without waiting for a
     * connection attempt that may time out.
     */
    synchronized boolean held() {
        if (session == null) {
            reopen();
            return true; // its loss was told when it was found
        }
        boolean alive;
        try {
            alive = session.isValid(CHECK_S); // a cut link answers nothing: told in seconds
        } catch (SQLException gone) {
            alive = false;
        }
        if (alive) {
            return true;
        }
        try {
            session.close();
        } catch (SQLException alreadyGone) {
            // the session is gone either way
        }
        session = null;
        lost.addAll(epochs.keySet());
        epochs.clear();
        return false;
    }

    /** A session again, if there is none (one that is there but dead is found, and its loss told, by held()). */
    synchronized boolean ensureOpen() {
        if (session == null) {
            reopen();
        }
        return session != null;
    }

    private void reopen() {
        try {
            session = sessions.open("leases");
        } catch (SQLException e) {
            session = null;
        }
    }

    /**
     * Takes the team's admission lock, waiting for another server's admission in steps of the lock timeout (each
     * statement well within the socket's timeout, so a long wait never costs the session and its leases).
     */
    synchronized void admit() {
        for (int attempt = 1; ; attempt++) {
            if (session == null) {
                throw new StoreException("cannot reach " + where + " (no lease session)", true);
            }
            try (Statement st = session.createStatement()) {
                st.execute("SELECT pg_advisory_lock(" + ADMISSION + ", 0)");
                return;
            } catch (SQLException e) {
                if (!Sessions.LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                    throw new StoreException("lost the lease connection to " + where + ": " + Sessions.reason(e),
                            Sessions.lostConnection(e));
                }
                if (attempt == ADMISSION_ATTEMPTS) {
                    throw new StoreException("not admitted: another server of the team has held its admission lock"
                            + " for over " + ADMISSION_ATTEMPTS * Sessions.LOCK_TIMEOUT_MS / 1000 + " s; try again");
                }
            }
        }
    }

    synchronized void unadmit() {
        onSession("SELECT pg_advisory_unlock(" + ADMISSION + ", ?)", 0);
    }

    private boolean onSession(String sql, int number) {
        if (session == null) {
            throw new StoreException("cannot reach " + where + " (no lease session)", true);
        }
        try (PreparedStatement p = session.prepareStatement(sql)) {
            p.setInt(1, number);
            try (ResultSet r = p.executeQuery()) {
                return r.next() && r.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new StoreException("lost the lease connection to " + where + ": " + Sessions.reason(e),
                    Sessions.lostConnection(e));
        }
    }

    /** Closing the session frees every lock it holds. */
    @Override
    public synchronized void close() {
        if (session != null) {
            try {
                session.close();
            } catch (SQLException e) {
                // closing anyway: the database frees the session's locks
            }
        }
    }
}
