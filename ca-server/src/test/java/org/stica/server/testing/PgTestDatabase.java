package org.stica.server.testing;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.stica.server.config.StiCaConfig;
import org.stica.server.schema.SchemaMigrator;
import org.stica.server.store.pg.PgPools;
import org.stica.testing.TestDatabase;

/**
 * A fresh PostgreSQL database ({@link TestDatabase}) with every ca-server migration applied
 * ({@link SchemaMigrator}), the configuration that points at it, and the Vert.x instance and
 * pools ({@link PgPools}) a test class runs on it. {@link #close()} closes the pools, then the
 * Vert.x instance, then drops the database.
 */
public final class PgTestDatabase implements AutoCloseable {
    private final TestDatabase database;
    private final StiCaConfig config;
    private final List<Pool> pools = new ArrayList<>();
    private Vertx vertx;

    private PgTestDatabase(TestDatabase database, StiCaConfig config) {
        this.database = database;
        this.config = config;
    }

    /** Creates the database and migrates it; drops it again if the migration fails. */
    public static PgTestDatabase create() {
        TestDatabase database = TestDatabase.create();
        try {
            StiCaConfig config = StiCaConfig.load(Optional.empty(),
                    Map.of("STICA_DB_URL", database.url()));
            SchemaMigrator.migrate(config.database());
            return new PgTestDatabase(database, config);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** The defaults, with {@code database.url} naming this database. */
    public StiCaConfig config() {
        return config;
    }

    /** The test class's Vert.x instance, made on first use; {@link #close()} closes it. */
    public synchronized Vertx vertx() {
        if (vertx == null) {
            vertx = Vertx.vertx();
        }
        return vertx;
    }

    /** A new pool as the server builds it, on {@link #vertx()}; {@link #close()} closes it. */
    public synchronized Pool pool() {
        Pool pool = PgPools.create(vertx(), config.database());
        pools.add(pool);
        return pool;
    }

    /** A JDBC connection to this database (test set-up and assertions only). */
    public Connection jdbc() throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.user(),
                database.password());
    }

    @Override
    public synchronized void close() {
        try {
            for (Pool pool : pools) {
                pool.close().await();
            }
            if (vertx != null) {
                vertx.close().await();
            }
        } finally {
            database.close();
        }
    }
}
