package org.stica.server.store.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.function.Supplier;

/**
 * One intermediate rollover at a time across every instance sharing the database: a PostgreSQL
 * session-level advisory lock held on one connection (no transaction stays open across the HSM
 * work) while {@code work} runs. When another instance holds it, {@code busy} is the outcome.
 */
public final class PgRolloverLock {
    /** The advisory lock key ("stica rollover"). */
    private static final long KEY = 0x5354_4943_524f_4c4cL;
    private static final String TRY_LOCK = "SELECT pg_try_advisory_lock($1) AS locked";
    private static final String UNLOCK = "SELECT pg_advisory_unlock($1)";

    private final Pool pool;

    public PgRolloverLock(Pool pool) {
        this.pool = pool;
    }

    public <T> Future<T> exclusively(Supplier<Future<T>> work, Supplier<Throwable> busy) {
        return pool.getConnection().compose(conn -> conn.preparedQuery(TRY_LOCK)
                .execute(Tuple.of(KEY))
                .compose(rows -> rows.iterator().next().getBoolean("locked")
                        ? work.get().eventually(() -> unlock(conn))
                        : Future.<T>failedFuture(busy.get()))
                .eventually(conn::close));
    }

    private static Future<Void> unlock(SqlConnection conn) {
        return conn.preparedQuery(UNLOCK).execute(Tuple.of(KEY)).mapEmpty();
    }
}
