package org.stica.server.store.pg;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.concurrent.TimeUnit;
import org.stica.server.config.StiCaConfig;

/**
 * Builds the Vert.x PostgreSQL pool, and the connect options of its database, from
 * {@code database.url} and {@code database.poolSize}.
 *
 * <p>Each SQL client of a server (the two pools, each LISTEN connection) has its own metrics
 * name, the {@code client_namespace} label of its {@code vertx_sql_*} series, so the clients'
 * series stay apart instead of sharing one unlabelled gauge id (see {@code MetricsVertx}).
 */
public final class PgPools {
    /** The main pool's name and metrics name. */
    public static final String MAIN = "stica-db";
    /** The async-commit pool's name and metrics name. */
    public static final String ASYNC_COMMIT = "stica-db-async-commit";
    /** The metrics name of the ACME endpoint's LISTEN connection for account changes. */
    public static final String ACCOUNT_LISTENER = "stica-db-listen-accounts";
    /** The metrics name of the LISTEN connection for SPC holder changes. */
    public static final String HOLDER_LISTENER = "stica-db-listen-holders";
    static final int CONNECTION_WAIT_SECONDS = 5;
    static final int CONNECT_TIMEOUT_MILLIS = 5000;

    private PgPools() {
    }

    public static Pool create(Vertx vertx, StiCaConfig.Database database) {
        return pool(vertx, database.poolSize(), connectOptions(database, MAIN));
    }

    /**
     * A smaller pool (a quarter of {@code database.poolSize}, at least 2) whose connections
     * commit without waiting for the WAL flush ({@code synchronous_commit = off}, a startup
     * parameter of each connection), for the ACME statements whose loss in a database crash is
     * harmless (README "Performance"; {@code AcmeModule}).
     */
    public static Pool createAsyncCommit(Vertx vertx, StiCaConfig.Database database) {
        PgConnectOptions connect = connectOptions(database, ASYNC_COMMIT);
        connect.addProperty("synchronous_commit", "off");
        return pool(vertx, Math.max(2, database.poolSize() / 4), connect);
    }

    /** A pool named as its clients' metrics name (its {@code pool_name} label). */
    private static Pool pool(Vertx vertx, int size, PgConnectOptions connect) {
        return PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(size).setName(connect.getMetricsName())
                        .setShared(false)
                        // a request waits this long for a connection at most, then fails fast
                        // (serverInternal + Retry-After) instead of hanging (issue 14)
                        .setConnectionTimeout(CONNECTION_WAIT_SECONDS)
                        .setConnectionTimeoutUnit(TimeUnit.SECONDS))
                // an unreachable database fails a connection attempt quickly
                .with(new NetClientOptions().setConnectTimeout(CONNECT_TIMEOUT_MILLIS))
                .connectingTo(connect)
                .using(vertx)
                .build();
    }

    /**
     * How to connect to {@code database}: the pools' connections, and the LISTEN connections
     * (account changes, SPC holder changes).
     *
     * @param metricsName the client's metrics name, one per client: {@link #MAIN},
     *                    {@link #ASYNC_COMMIT}, {@link #ACCOUNT_LISTENER} or
     *                    {@link #HOLDER_LISTENER}
     */
    public static PgConnectOptions connectOptions(StiCaConfig.Database database,
                                                  String metricsName) {
        PgConnectOptions connect = new PgConnectOptions()
                .setHost(database.host())
                .setPort(database.port())
                .setDatabase(database.name())
                .setUser(database.user())
                // parse each statement once per connection, not on every execution
                .setCachePreparedStatements(true);
        connect.setMetricsName(metricsName);
        database.password().ifPresent(secret -> connect.setPassword(secret.reveal()));
        return connect;
    }
}
