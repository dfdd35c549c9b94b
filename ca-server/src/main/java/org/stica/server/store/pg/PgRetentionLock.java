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
 * lock of its kind of row ({@code pg_try_advisory_xact_lock(}{@link #CLASS}{@code ,}
 * {@link #keyOf}{@code )}), so at most one instance sharing the database deletes that kind at a
 * time and another one skips it instead of waiting. One lock per kind, not one for all: an
 * instance that skips a kind moves on to the next, and must not then collide with the instance
 * draining that next kind, or two concurrent sweeps could each leave work undone. The lock is
 * released by the batch's commit or rollback, also when the connection is cut, which a session
 * lock on a pooled connection would not guarantee; between batches another instance may take it.
 */
public final class PgRetentionLock {
    /** The advisory lock class, the first key ("RETN"). */
    public static final int CLASS = 0x5245544E;
    private static final String TRY_LOCK =
            "SELECT pg_try_advisory_xact_lock(#{class}, #{key}) AS locked";

    private final Pool pool;

    public PgRetentionLock(Pool pool) {
        this.pool = pool;
    }

    /** The second advisory lock key of a kind of row (its name's hash). */
    public static int keyOf(String kind) {
        return kind.hashCode();
    }

    /**
     * {@code batch} on the transaction's connection if the lock of {@code kind} was free,
     * committed; empty (nothing run) if another transaction holds it.
     */
    public <T> Future<Optional<T>> tryBatch(String kind,
                                            Function<SqlConnection, Future<T>> batch) {
        return pool.withTransaction(conn -> SqlTemplate.forQuery(conn, TRY_LOCK)
                .execute(Map.of("class", CLASS, "key", keyOf(kind)))
                .compose(rows -> rows.iterator().next().getBoolean("locked")
                        ? batch.apply(conn).map(Optional::of)
                        : Future.succeededFuture(Optional.empty())));
    }
}
