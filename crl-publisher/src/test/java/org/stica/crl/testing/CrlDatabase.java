package org.stica.crl.testing;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.flywaydb.core.Flyway;
import org.stica.crl.CrlModule;
import org.stica.testing.TestDatabase;

/** A fresh PostgreSQL database with this module's migrations applied, and pools onto it. */
public final class CrlDatabase implements AutoCloseable {
    private final TestDatabase database;

    private CrlDatabase(TestDatabase database) {
        this.database = database;
    }

    public static CrlDatabase create() {
        TestDatabase database = TestDatabase.create();
        Flyway.configure()
                .dataSource(database.jdbcUrl(), database.user(), database.password())
                .locations("classpath:" + CrlModule.MIGRATIONS)
                .table("flyway_history_crl")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        return new CrlDatabase(database);
    }

    /** A new pool of {@code size} connections (at least two for the CRL module). */
    public Pool pool(Vertx vertx, int size) {
        return PgBuilder.pool()
                .connectingTo(PgConnectOptions.fromUri(database.url()))
                .with(new PoolOptions().setMaxSize(size))
                .using(vertx)
                .build();
    }

    /** {@code SELECT count(*) FROM <fromWhere>} over JDBC (test set-up and assertions only). */
    public long count(String fromWhere) throws java.sql.SQLException {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(database.jdbcUrl(),
                database.user(), database.password());
             java.sql.ResultSet rs = c.createStatement().executeQuery(
                     "SELECT count(*) FROM " + fromWhere)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() {
        database.close();
    }
}
