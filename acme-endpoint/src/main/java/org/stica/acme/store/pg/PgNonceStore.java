package org.stica.acme.store.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlResult;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Used replay nonces (RFC 8555 §6.5) in {@code acme_nonce_used}, shared by every server instance
 * on the database. Nonces are stateless (issuing one writes nothing); redeeming one inserts its
 * random part with {@code ON CONFLICT DO NOTHING}: one row inserted is the first use, none a
 * replay, so a nonce is accepted at most once cluster-wide, by one statement committed on its own
 * (no BEGIN/COMMIT). Rows whose nonce expired more than {@link #PURGE_GRACE} ago are deleted by a
 * redemption at most once per {@link #PURGE_INTERVAL} per instance; the grace covers clock skew
 * between instances, since a row must outlive the nonce on every instance's clock.
 */
public final class PgNonceStore {
    /** How often a redemption also deletes the rows of long-expired nonces. */
    static final Duration PURGE_INTERVAL = Duration.ofSeconds(1);
    /** How long a used row is kept past its nonce's expiry (tolerated clock skew). */
    public static final Duration PURGE_GRACE = Duration.ofMinutes(1);

    private static final String MARK_USED = "INSERT INTO acme_nonce_used (value, expires_at)"
            + " VALUES (#{value}, #{expires}) ON CONFLICT DO NOTHING";
    private static final String PURGE_AND_MARK_USED = "WITH purged AS (DELETE FROM"
            + " acme_nonce_used WHERE expires_at < #{purgeBefore}) " + MARK_USED;

    private final SqlTemplate<Map<String, Object>, SqlResult<Void>> markUsed;
    private final SqlTemplate<Map<String, Object>, SqlResult<Void>> purgeAndMarkUsed;
    private final AtomicReference<Instant> nextPurge = new AtomicReference<>(Instant.MIN);

    public PgNonceStore(Pool pool) {
        // built once: a template is parsed when created, and this runs on every signed POST
        this.markUsed = SqlTemplate.forUpdate(pool, MARK_USED);
        this.purgeAndMarkUsed = SqlTemplate.forUpdate(pool, PURGE_AND_MARK_USED);
    }

    /**
     * Records the nonce whose random part is {@code value} as used; true when this was its first
     * use, false for a replay.
     */
    public Future<Boolean> markUsed(byte[] value, Instant expires, Instant now) {
        Instant due = nextPurge.get();
        boolean purge = !now.isBefore(due)
                && nextPurge.compareAndSet(due, now.plus(PURGE_INTERVAL));
        return (purge ? purgeAndMarkUsed : markUsed)
                .execute(Map.of("value", SqlValues.bytes(value),
                        "expires", SqlValues.time(expires),
                        "purgeBefore", SqlValues.time(now.minus(PURGE_GRACE))))
                .map(result -> result.rowCount() == 1);
    }
}
