package org.stica.acme.store.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.templates.RowMapper;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.stica.acme.model.NonceKey;

/**
 * The HMAC keys of the stateless replay nonces (RFC 8555 §6.5) in {@code acme_nonce_key}, one
 * set for every instance on the database. The first instance to start inserts its freshly
 * generated key; the insert of every later one conflicts and does nothing, and all then read the
 * stored keys, so they issue and accept the same nonces. Read at start-up only.
 */
public final class PgNonceKeyStore {
    private static final String INSERT_IF_ABSENT = "INSERT INTO acme_nonce_key"
            + " (id, secret, created_at) VALUES (#{id}, #{secret}, #{now}) ON CONFLICT DO NOTHING";
    private static final String SELECT_ALL = "SELECT id, secret FROM acme_nonce_key ORDER BY id";
    private static final RowMapper<NonceKey> KEY = row ->
            new NonceKey(row.getInteger("id"), SqlValues.bytes(row, "secret"));

    private final Pool pool;

    public PgNonceKeyStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * Stores {@code candidate} unless a key with its id exists, then returns every stored key
     * (two statements: the read must see a key another instance committed meanwhile).
     */
    public Future<List<NonceKey>> insertIfAbsentAndLoad(NonceKey candidate, Instant now) {
        return SqlTemplate.forUpdate(pool, INSERT_IF_ABSENT)
                .execute(Map.of("id", (short) candidate.id(),
                        "secret", SqlValues.bytes(candidate.secret()),
                        "now", SqlValues.time(now)))
                .compose(inserted -> SqlTemplate.forQuery(pool, SELECT_ALL).mapTo(KEY)
                        .execute(Map.of()))
                .map(rows -> {
                    List<NonceKey> keys = new ArrayList<>();
                    rows.forEach(keys::add);
                    return keys;
                });
    }
}
