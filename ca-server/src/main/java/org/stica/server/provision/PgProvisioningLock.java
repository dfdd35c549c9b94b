package org.stica.server.provision;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import org.stica.hsm.KeyProvisioningLock;
import org.stica.server.config.StiCaConfig;

/**
 * The {@link KeyProvisioningLock} of every instance on one database: a PostgreSQL session-level
 * advisory lock ({@code pg_advisory_lock}, PostgreSQL manual §9.27.10) on its own connection.
 * The database is what all replicas share, so whoever holds the lock is the only instance
 * provisioning keys; if it dies, PostgreSQL ends its session and releases the lock, and the next
 * instance repairs what it left. A wait is bounded by {@code lock_timeout}. Blocking JDBC, like
 * the schema migration: start-up only, on a worker thread, never on an event loop.
 */
public final class PgProvisioningLock implements KeyProvisioningLock {
    /** The advisory lock key, "STICAKEY" in ASCII; advisory locks are per database. */
    static final long LOCK_KEY = 0x5354_4943_414B_4559L;
    /** How long an instance waits for another one's provisioning before it gives up. */
    public static final Duration DEFAULT_WAIT = Duration.ofMinutes(2);

    private static final String SET_TIMEOUT = "SELECT set_config('lock_timeout', ?, false)";
    private static final String LOCK = "SELECT pg_advisory_lock(?)";
    private static final String UNLOCK = "SELECT pg_advisory_unlock(?)";
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final StiCaConfig.Database database;
    private final Duration wait;

    public PgProvisioningLock(StiCaConfig.Database database, Duration wait) {
        if (wait.isNegative() || wait.isZero()) {
            throw new IllegalArgumentException("lock wait must be positive: " + wait);
        }
        this.database = database;
        this.wait = wait;
    }

    /** The lock on {@code database}, waiting at most {@link #DEFAULT_WAIT}. */
    public static PgProvisioningLock of(StiCaConfig.Database database) {
        return new PgProvisioningLock(database, DEFAULT_WAIT);
    }

    /**
     * Opens a connection and blocks until it holds the advisory lock.
     *
     * @throws IllegalStateException when the database cannot be reached or another instance held
     *                               the lock for longer than the wait
     */
    @Override
    public Held acquire() {
        Connection connection = connect();
        try {
            run(connection, SET_TIMEOUT, statement -> statement.setString(1,
                    wait.toMillis() + "ms"));
            run(connection, LOCK, statement -> statement.setLong(1, LOCK_KEY));
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new IllegalStateException(LOCK_NOT_AVAILABLE.equals(e.getSQLState())
                    ? "another instance has been provisioning keys for more than " + wait
                            + " (PostgreSQL advisory lock " + LOCK_KEY + " on " + database.name()
                            + ")"
                    : "cannot take the key provisioning lock in PostgreSQL: " + e.getMessage(), e);
        }
        return new Release(connection);
    }

    private Connection connect() {
        String password = database.password().map(secret -> secret.reveal()).orElse("");
        try {
            return DriverManager.getConnection(database.jdbcUrl(), database.user(), password);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach PostgreSQL for the key provisioning"
                    + " lock: " + e.getMessage(), e);
        }
    }

    private interface Binding {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private static void run(Connection connection, String sql, Binding binding)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            binding.bind(statement);
            statement.executeQuery().close();
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // ending the session releases its advisory locks
        }
    }

    /** Unlocks, then closes the connection; closing alone would release the lock as well. */
    private static final class Release implements Held {
        private final Connection connection;
        private boolean released;

        Release(Connection connection) {
            this.connection = connection;
        }

        @Override
        public synchronized void close() {
            if (released) {
                return;
            }
            released = true;
            try {
                run(connection, UNLOCK, statement -> statement.setLong(1, LOCK_KEY));
            } catch (SQLException ignored) {
                // the session ends below, which releases the lock anyway
            } finally {
                closeQuietly(connection);
            }
        }
    }
}
