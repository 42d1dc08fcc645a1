package dev.opsdeck.engine.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The {@code notice} table's statements (see {@link Store#claimNotice}), on the store's one writing connection. */
final class NoticeRows {

    private NoticeRows() {
    }

    static boolean claim(Connection db, String key, String receiver, String body, String holder, double now,
            double stale) throws SQLException {
        if (run(db, "INSERT INTO notice (key, receiver, body, holder, claimed_at) VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT (key, receiver) DO NOTHING", key, receiver, body, holder, now) == 1) {
            return true;
        }
        // The holder again (before a retry), or a claim its holder left undone too long.
        return run(db, "UPDATE notice SET holder = ?, claimed_at = ? WHERE key = ? AND receiver = ? AND done = 0"
                + " AND (holder = ? OR claimed_at < ?)", holder, now, key, receiver, holder, now - stale) == 1;
    }

    static void done(Connection db, String key, String receiver) throws SQLException {
        run(db, "UPDATE notice SET done = 1 WHERE key = ? AND receiver = ?", key, receiver);
    }

    static List<Store.Notice> stale(Connection db, double now, double stale, List<String> receivers, int max)
            throws SQLException {
        List<Store.Notice> out = new ArrayList<>();
        if (receivers.isEmpty()) {
            return out;
        }
        String among = String.join(", ", java.util.Collections.nCopies(receivers.size(), "?"));
        try (PreparedStatement p = db.prepareStatement("SELECT key, receiver, body FROM notice WHERE done = 0"
                + " AND claimed_at < ? AND receiver IN (" + among + ") ORDER BY claimed_at LIMIT ?")) {
            int at = 1;
            p.setDouble(at++, now - stale);
            for (String r : receivers) {
                p.setString(at++, r);
            }
            p.setInt(at, max);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new Store.Notice(r.getString(1), r.getString(2), r.getString(3)));
                }
            }
        }
        return out;
    }

    private static int run(Connection db, String sql, Object... args) throws SQLException {
        try (PreparedStatement p = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                p.setObject(i + 1, args[i]);
            }
            return p.executeUpdate();
        }
    }
}
