package org.stica.acme.store.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Replay nonces (RFC 8555 §6.5) in {@code acme_nonce}, shared by every server instance on the
 * database. Redemption is one {@code DELETE ... RETURNING} that also enforces expiry, so a nonce
 * is accepted at most once cluster-wide. Each operation is a single statement, committed on its
 * own (one round trip, no BEGIN/COMMIT). Expired nonces are purged by an insert at most once per
 * {@link #PURGE_INTERVAL} per instance (they are refused by expiry either way).
 */
public final class PgNonceStore {
    /** How often an insert also deletes the expired nonces. */
    static final Duration PURGE_INTERVAL = Duration.ofSeconds(1);

    private static final String INSERT = "INSERT INTO acme_nonce (value, expires_at)"
            + " VALUES (#{value}, #{expires})";
    private static final String PURGE_AND_INSERT = "WITH purged AS (DELETE FROM acme_nonce"
            + " WHERE expires_at < #{now}) " + INSERT;
    private static final String REDEEM = "DELETE FROM acme_nonce WHERE value = #{value}"
            + " AND expires_at > #{now} RETURNING value";

    private final Pool pool;
    private final AtomicReference<Instant> nextPurge = new AtomicReference<>(Instant.MIN);

    public PgNonceStore(Pool pool) {
        this.pool = pool;
    }

    public Future<Void> insert(String value, Instant now, Instant expires) {
        Instant due = nextPurge.get();
        boolean purge = !now.isBefore(due)
                && nextPurge.compareAndSet(due, now.plus(PURGE_INTERVAL));
        return SqlTemplate.forUpdate(pool, purge ? PURGE_AND_INSERT : INSERT)
                .execute(Map.of("value", value, "now", SqlValues.time(now),
                        "expires", SqlValues.time(expires)))
                .mapEmpty();
    }

    /** True when the nonce existed and had not expired; it is gone afterwards either way. */
    public Future<Boolean> redeem(String value, Instant now) {
        return SqlTemplate.forUpdate(pool, REDEEM)
                .execute(Map.of("value", value, "now", SqlValues.time(now)))
                .map(result -> result.rowCount() == 1);
    }
}
