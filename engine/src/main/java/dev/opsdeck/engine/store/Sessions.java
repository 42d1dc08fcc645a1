package dev.opsdeck.engine.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The sessions a server opens on the team's PostgreSQL, all alike: named for {@code pg_stat_activity}, and bounded in
 * time so that a database out of reach is noticed in seconds, not after TCP's quarter of an hour.
 */
final class Sessions {

    /** Seconds: to open a session; for any one statement's reply (a cut link fails a statement within it). */
    static final int CONNECT_TIMEOUT_S = 3;
    static final int SOCKET_TIMEOUT_S = 4;
    /** A wait for a row or advisory lock, kept well below the socket's timeout. */
    static final int LOCK_TIMEOUT_MS = 2_000;
    /** What PostgreSQL says when a wait for a lock ran out ({@code lock_not_available}). */
    static final String LOCK_NOT_AVAILABLE = "55P03";

    private final String jdbcUrl;
    private final String user;
    private final String password;

    Sessions(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    /** A new session; {@code role} says what it is for ({@code writes}, {@code leases}, {@code log reader}). */
    Connection open(String role) throws SQLException {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("ApplicationName", "opsdeck " + role); // what an operator sees in pg_stat_activity
        // No statement of ours takes long, and one that hangs on a cut link fails: the server can say so and stop
        // its flows.
        p.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_S));
        p.setProperty("socketTimeout", String.valueOf(SOCKET_TIMEOUT_S));
        p.setProperty("tcpKeepAlive", "true");
        Connection c = DriverManager.getConnection(jdbcUrl, p);
        try (Statement st = c.createStatement()) {
            // The database drops the session of a host that vanished within ~5 s (its locks, its open transaction).
            st.execute("SET tcp_keepalives_idle = 2");
            st.execute("SET tcp_keepalives_interval = 1");
            st.execute("SET tcp_keepalives_count = 3");
            // Keepalives probe only an idle link: a reply the database sent just before the cut (to the lease
            // session's check, say) is retransmitted for many minutes instead, and the vanished server's leases with
            // it. Unacknowledged data gives up within the same ~5 s.
            st.execute("SET tcp_user_timeout = 5000");
            // No wait on a lock outlives the socket's timeout: a lock held by a vanished server fails the statement,
            // not the session (and with it every lease it holds).
            st.execute("SET lock_timeout = '" + LOCK_TIMEOUT_MS + "ms'");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** Class 08, the connection is gone; 57P01-57P03, the server is shutting down or starting. */
    static boolean lostConnection(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return state.startsWith("08") || state.matches("57P0[123]");
    }

    /** The database's words, on one line. */
    static String reason(SQLException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        return m.replaceAll("\\s+", " ");
    }
}
