package org.stica.acme.store.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.Instant;
import java.util.Map;

/**
 * Replay nonces (RFC 8555 §6.5) in {@code acme_nonce}, shared by every server instance on the
 * database. Redemption is one {@code DELETE ... RETURNING} that also enforces expiry, so a nonce
 * is accepted at most once cluster-wide. Issuing a nonce purges expired ones.
 */
public final class PgNonceStore {
    private static final String INSERT = "WITH purged AS (DELETE FROM acme_nonce"
            + " WHERE expires_at < #{now}) INSERT INTO acme_nonce (value, expires_at)"
            + " VALUES (#{value}, #{expires})";
    private static final String REDEEM = "DELETE FROM acme_nonce WHERE value = #{value}"
            + " AND expires_at > #{now} RETURNING value";

    private final Pool pool;

    public PgNonceStore(Pool pool) {
        this.pool = pool;
    }

    public Future<Void> insert(String value, Instant now, Instant expires) {
        return pool.withTransaction(conn -> SqlTemplate.forUpdate(conn, INSERT)
                .execute(Map.of("value", value, "now", SqlValues.time(now),
                        "expires", SqlValues.time(expires))))
                .mapEmpty();
    }

    /** True when the nonce existed and had not expired; it is gone afterwards either way. */
    public Future<Boolean> redeem(String value, Instant now) {
        return pool.withTransaction(conn -> SqlTemplate.forUpdate(conn, REDEEM)
                .execute(Map.of("value", value, "now", SqlValues.time(now))))
                .map(result -> result.rowCount() == 1);
    }
}
