package org.stica.acme.support;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;
import org.flywaydb.core.Flyway;
import org.stica.acme.AcmeModule;
import org.stica.testing.TestDatabase;

/**
 * A fresh PostgreSQL database migrated from {@code db/acme}, without the HTTP endpoint: for
 * store and service tests that need the tables but not a server. {@link #newPool()} gives
 * another pool, so a test can play several server instances on one database.
 */
public final class AcmeDatabase implements AutoCloseable {
    public final TestDatabase db = TestDatabase.create();
    public final Vertx vertx = Vertx.vertx();
    public final Pool pool;

    public AcmeDatabase() {
        Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password())
                .locations("classpath:" + AcmeModule.MIGRATIONS).table("flyway_history_acme")
                .baselineOnMigrate(true).baselineVersion("0").load().migrate();
        pool = newPool();
    }

    /** Another pool on the same database (closed with this). */
    public Pool newPool() {
        return PgBuilder.pool().with(new PoolOptions().setMaxSize(4))
                .connectingTo(PgConnectOptions.fromUri(db.url())).using(vertx).build();
    }

    /** The single long value of a query (a count, say). */
    public long count(String sql, Object... params) {
        return Await.result(pool.preparedQuery(sql).execute(Tuple.from(params)))
                .iterator().next().getLong(0);
    }

    /** Runs one statement. */
    public void execute(String sql, Object... params) {
        Await.result(pool.preparedQuery(sql).execute(Tuple.from(params)));
    }

    @Override
    public void close() {
        try {
            Await.result(vertx.close());
        } finally {
            db.close();
        }
    }
}
