package dev.opsdeck.engine.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The {@code request_key} table's statements (see {@link Store#claimKey}), on the store's one writing connection. The
 * primary key decides between servers: whoever inserts the row first holds the key.
 */
final class RequestKeyRows {

    private RequestKeyRows() {
    }

    static Optional<Store.KeptRequest> claim(Connection db, String user, String key, String request, double now,
            double stale, double ttl) throws SQLException {
        run(db, "DELETE FROM request_key WHERE at < ?", now - ttl);
        // A claim nobody answered in time: its server died, or lost the database, mid-request.
        if (run(db, "UPDATE request_key SET request = ?, at = ? WHERE user_name = ? AND key = ? AND status IS NULL"
                + " AND at < ?", request, now, user, key, now - stale) == 1) {
            return Optional.empty();
        }
        if (run(db, "INSERT INTO request_key (user_name, key, request, at) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (user_name, key) DO NOTHING", user, key, request, now) == 1) {
            return Optional.empty();
        }
        try (PreparedStatement p = db.prepareStatement(
                "SELECT request, status, body FROM request_key WHERE user_name = ? AND key = ?")) {
            p.setString(1, user);
            p.setString(2, key);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    // Forgotten between the two statements (it expired): the next try claims it.
                    return Optional.of(new Store.KeptRequest(request, null, null));
                }
                int status = r.getInt(2);
                Integer answered = r.wasNull() ? null : status;
                return Optional.of(new Store.KeptRequest(r.getString(1), answered, r.getString(3)));
            }
        }
    }

    static void answer(Connection db, String user, String key, int status, String body) throws SQLException {
        run(db, "UPDATE request_key SET status = ?, body = ? WHERE user_name = ? AND key = ?", status, body, user, key);
    }

    static void release(Connection db, String user, String key) throws SQLException {
        run(db, "DELETE FROM request_key WHERE user_name = ? AND key = ? AND status IS NULL", user, key);
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
