package org.stica.server.store.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs one retention batch (issue 14) in its own transaction under a transaction-level advisory
 * lock ({@code pg_try_advisory_xact_lock}), so at most one instance sharing the database deletes
 * at a time and another one skips instead of waiting. The lock is released by the batch's commit
 * or rollback, also when the connection is cut, which a session lock on a pooled connection
 * would not guarantee; between batches another instance may take it.
 */
public final class PgRetentionLock {
    /** The advisory lock key ("STICRETN"). */
    public static final long KEY = 0x535449435245544EL;
    private static final String TRY_LOCK = "SELECT pg_try_advisory_xact_lock(#{key}) AS locked";

    private final Pool pool;

    public PgRetentionLock(Pool pool) {
        this.pool = pool;
    }

    /**
     * {@code batch} on the transaction's connection if the lock was free, committed; empty
     * (nothing run) if another transaction holds it.
     */
    public <T> Future<Optional<T>> tryBatch(Function<SqlConnection, Future<T>> batch) {
        return pool.withTransaction(conn -> SqlTemplate.forQuery(conn, TRY_LOCK)
                .execute(Map.of("key", KEY))
                .compose(rows -> rows.iterator().next().getBoolean("locked")
                        ? batch.apply(conn).map(Optional::of)
                        : Future.succeededFuture(Optional.empty())));
    }
}
