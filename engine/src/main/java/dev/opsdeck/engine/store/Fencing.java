package dev.opsdeck.engine.store;

import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.ticket.Ticket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fencing check of a shared store's writes. Who may write what:
 * <ul>
 * <li>a flow's own events (a channel opened, an envelope, a channel closed, a sign-off asked or resolved) only by
 * the server holding the flow's lease, under the epoch it took with it;
 * <li>a ticket's change, by the server holding its lease under that epoch, or by a server holding none (an alert's
 * history line, an admission note): a server that took the lease once and lost it may not write it at all;
 * <li>a new ticket, a reset, a notice: anyone.
 * </ul>
 * The epochs are read {@code FOR SHARE} in the writing transaction, so a server taking the lease over (which raises
 * the epoch) waits for a write that passed the check to commit, and reads the ticket after it.
 */
final class Fencing {

    private Fencing() {
    }

    /** The ticket whose lease an event needs, or null; {@code flowOnly}: no server without the lease may write it. */
    record Target(String ticketId, boolean flowOnly) {
    }

    static Target of(EngineEvent event) {
        if (event instanceof EngineEvent.TicketChanged e) {
            return new Target(e.ticket().id(), false);
        } else if (event instanceof EngineEvent.ChannelOpened e) {
            return new Target(e.ticketId(), true);
        } else if (event instanceof EngineEvent.EnvelopePosted e) {
            return new Target(ticketOfChannel(e.envelope().channelId()), true);
        } else if (event instanceof EngineEvent.ChannelClosed e) {
            return new Target(ticketOfChannel(e.channelId()), true);
        } else if (event instanceof EngineEvent.SignOffRequested e) {
            return new Target(e.ticketId(), true);
        } else if (event instanceof EngineEvent.SignOffResolved e) {
            return new Target(ticketOfChannel(e.channelId()), true);
        }
        return null;
    }

    /** Channel ids are {@code <ticket id>.<stage>}. */
    static String ticketOfChannel(String channelId) {
        int dot = channelId.lastIndexOf('.');
        return dot < 0 ? channelId : channelId.substring(0, dot);
    }

    /**
     * Refuses the whole write ({@link StoreException#fenced}) if one of its events needs a lease this server does not
     * hold under the current epoch. {@code held}: the epochs this server took, by ticket number; {@code everHeld}:
     * ticket numbers whose lease this server took since it started and lost without releasing.
     */
    static void check(Connection db, Iterable<EngineEvent> events, Map<Integer, Long> held,
            java.util.Set<Integer> lost, String where) throws SQLException {
        Map<Integer, String> needed = new TreeMap<>(); // in number order: two writers share-lock rows alike
        for (EngineEvent e : events) {
            Target t = of(e);
            if (t == null) {
                continue;
            }
            int n = Ticket.number(t.ticketId());
            if (t.flowOnly() || held.containsKey(n) || lost.contains(n)) {
                needed.put(n, t.ticketId());
            }
        }
        for (Map.Entry<Integer, String> need : needed.entrySet()) {
            Long mine = held.get(need.getKey());
            if (mine == null) {
                throw StoreException.fenced("not written to " + where + ": this server holds no lease on the flow of "
                        + need.getValue() + " (it was lost with its database session)");
            }
            try (PreparedStatement p = db.prepareStatement("SELECT epoch, holder FROM lease WHERE num = ? FOR SHARE")) {
                p.setInt(1, need.getKey());
                try (ResultSet r = p.executeQuery()) {
                    if (!r.next() || r.getLong(1) != mine) {
                        throw StoreException.fenced("not written to " + where + ": the lease on the flow of "
                                + need.getValue() + " moved on" + (r.getRow() > 0 ? " to " + r.getString(2)
                                        + " (epoch " + r.getLong(1) + ", this server's was " + mine + ")" : ""));
                    }
                }
            }
        }
    }
}
