package dev.opsdeck.engine.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;

/**
 * The store on PostgreSQL: the same queries as the embedded one ({@link JdbcStore}), its schema kept by Flyway
 * under {@code store/postgresql}. The first adapter for team mode (issue 14): several servers on one database come
 * on top of it.
 */
public final class PostgresStore extends JdbcStore {

    private PostgresStore(Connection db, String where) {
        super(db, where);
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
            return new PostgresStore(DriverManager.getConnection(jdbcUrl, user, password), where);
        } catch (SQLException e) {
            throw new StoreException(where + " cannot be reached (" + e.getMessage() + ")");
        }
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
