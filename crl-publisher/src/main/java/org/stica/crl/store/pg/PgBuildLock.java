package org.stica.crl.store.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stica.crl.store.BuildLock;

/**
 * {@link BuildLock} as a PostgreSQL session-level advisory lock ({@code pg_try_advisory_lock}) held
 * on a dedicated pooled connection outside any transaction, so signing can take as long as it needs
 * without holding a transaction open. Advisory locks are per database, so all instances sharing the
 * database exclude each other. The pool must allow at least two connections: the work itself uses
 * the pool while the lock connection is held.
 */
public final class PgBuildLock implements BuildLock {
    /** Lock key: the ASCII bytes of "STICACRL" as a bigint. */
    public static final long CRL_BUILD_KEY = 0x535449434143524CL;

    private static final Logger LOG = LoggerFactory.getLogger(PgBuildLock.class);
    private static final String TRY_LOCK = "SELECT pg_try_advisory_lock(#{key}) AS locked";
    private static final String UNLOCK = "SELECT pg_advisory_unlock(#{key}) AS unlocked";

    private final Pool pool;
    private final long key;

    public PgBuildLock(Pool pool) {
        this(pool, CRL_BUILD_KEY);
    }

    public PgBuildLock(Pool pool, long key) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.key = key;
    }

    @Override
    public <T> Future<Optional<T>> tryRun(Supplier<Future<T>> work) {
        return pool.getConnection().compose(conn -> lockAndRun(conn, work)
                .eventually(conn::close));
    }

    private <T> Future<Optional<T>> lockAndRun(SqlConnection conn, Supplier<Future<T>> work) {
        return query(conn, TRY_LOCK, "locked").compose(locked -> {
            if (!locked) {
                return Future.succeededFuture(Optional.empty());
            }
            return runThenUnlock(conn, work);
        });
    }

    private <T> Future<Optional<T>> runThenUnlock(SqlConnection conn, Supplier<Future<T>> work) {
        Future<T> result;
        try {
            result = work.get();
        } catch (RuntimeException e) {
            result = Future.failedFuture(e);
        }
        return result.map(Optional::ofNullable).eventually(() -> unlock(conn));
    }

    private Future<Void> unlock(SqlConnection conn) {
        return query(conn, UNLOCK, "unlocked")
                .<Void>map(released -> {
                    if (!released) {
                        LOG.warn("CRL build lock was not held at release");
                    }
                    return null;
                })
                .recover(e -> {
                    LOG.error("releasing the CRL build lock failed; it ends with the session", e);
                    return Future.succeededFuture();
                });
    }

    private Future<Boolean> query(SqlConnection conn, String sql, String column) {
        return SqlTemplate.forQuery(conn, sql).execute(Map.of("key", key))
                .map(rows -> rows.iterator().next().getBoolean(column));
    }
}
