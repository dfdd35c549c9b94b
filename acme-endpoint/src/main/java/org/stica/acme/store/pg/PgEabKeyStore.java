package org.stica.acme.store.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.templates.RowMapper;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.util.Map;
import java.util.Optional;
import org.stica.acme.model.EabKey;

/**
 * External account binding keys (RFC 8555 §7.3.4) in {@code acme_eab_key}. A key is claimed in
 * the transaction that creates its account ({@link PgAccountStore#insertIfAbsent}).
 */
public final class PgEabKeyStore {
    private static final String COLUMNS = "kid, hmac_key, label, created_at, used_at";
    private static final String INSERT = "INSERT INTO acme_eab_key (kid, hmac_key, label,"
            + " created_at) VALUES (#{kid}, #{hmac}, #{label}, #{created})";
    private static final String BY_KID = "SELECT " + COLUMNS
            + " FROM acme_eab_key WHERE kid = #{kid}";

    private static final RowMapper<EabKey> EAB_KEY = row -> new EabKey(row.getString("kid"),
            SqlValues.bytes(row, "hmac_key"), row.getString("label"),
            SqlValues.instant(row, "created_at"), SqlValues.optionalInstant(row, "used_at"));

    private final Pool pool;

    public PgEabKeyStore(Pool pool) {
        this.pool = pool;
    }

    public Future<Void> insert(EabKey key) {
        Map<String, Object> params = Map.of("kid", key.kid(),
                "hmac", SqlValues.bytes(key.hmacKey()), "label", key.label(),
                "created", SqlValues.time(key.createdAt()));
        return pool.withTransaction(conn -> SqlTemplate.forUpdate(conn, INSERT).execute(params))
                .mapEmpty();
    }

    public Future<Optional<EabKey>> findByKid(String kid) {
        return SqlTemplate.forQuery(pool, BY_KID).mapTo(EAB_KEY).execute(Map.of("kid", kid))
                .map(rows -> rows.size() == 0 ? Optional.<EabKey>empty()
                        : Optional.of(rows.iterator().next()));
    }
}
