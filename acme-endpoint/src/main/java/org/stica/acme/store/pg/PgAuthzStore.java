package org.stica.acme.store.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.templates.RowMapper;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.stica.acme.model.Authz;
import org.stica.acme.model.AuthzStatus;

/** Authorizations (RFC 8555 §7.5) in {@code acme_authz}, and their deactivation (§7.5.2). */
public final class PgAuthzStore {
    private static final String COLUMNS = "id, order_id, account_id, status, expires_at,"
            + " identifier_value, identifier_der, token_expires_at, token_ca";
    private static final String BY_ID = "SELECT " + COLUMNS + " FROM acme_authz WHERE id = #{id}";
    private static final String BY_ORDER = "SELECT " + COLUMNS
            + " FROM acme_authz WHERE order_id = #{order} ORDER BY id";
    private static final String DEACTIVATE = "UPDATE acme_authz SET status = 'deactivated'"
            + " WHERE id = #{id} AND status IN ('pending', 'valid') AND expires_at > #{now}";
    private static final String VALID_FOR = "SELECT 1 FROM acme_authz WHERE account_id = #{account}"
            + " AND identifier_der = #{der} AND status = 'valid' AND expires_at > #{now} LIMIT 1";
    private static final String INVALIDATE_ORDER = "UPDATE acme_order SET status = 'invalid'"
            + " WHERE id = #{order} AND status IN ('pending', 'ready')";

    static final RowMapper<Authz> AUTHZ = row -> new Authz(row.getString("id"),
            row.getString("order_id"), row.getString("account_id"),
            AuthzStatus.fromWire(row.getString("status")), SqlValues.instant(row, "expires_at"),
            row.getString("identifier_value"), SqlValues.bytes(row, "identifier_der"),
            SqlValues.optionalInstant(row, "token_expires_at"), row.getBoolean("token_ca"));

    private final Pool pool;

    public PgAuthzStore(Pool pool) {
        this.pool = pool;
    }

    public Future<Optional<Authz>> findById(String id) {
        return SqlTemplate.forQuery(pool, BY_ID).mapTo(AUTHZ).execute(Map.of("id", id))
                .map(rows -> rows.size() == 0 ? Optional.<Authz>empty()
                        : Optional.of(rows.iterator().next()));
    }

    public Future<List<Authz>> findByOrder(String orderId) {
        return SqlTemplate.forQuery(pool, BY_ORDER).mapTo(AUTHZ)
                .execute(Map.of("order", orderId))
                .map(rows -> {
                    List<Authz> list = new ArrayList<>();
                    rows.forEach(list::add);
                    return list;
                });
    }

    /**
     * Whether {@code accountId} holds a valid, unexpired authorization for the identifier whose
     * DER is {@code identifierDer} (RFC 8555 §7.6: such an account may revoke).
     */
    public Future<Boolean> holdsValid(String accountId, byte[] identifierDer, Instant now) {
        return SqlTemplate.forQuery(pool, VALID_FOR)
                .execute(Map.of("account", accountId, "der", SqlValues.bytes(identifierDer),
                        "now", SqlValues.time(now)))
                .map(rows -> rows.size() > 0);
    }

    /**
     * pending|valid → deactivated, and its open order → invalid (RFC 8555 §7.1.6); false when
     * the authorization was in no state that allows it.
     */
    public Future<Boolean> deactivate(Authz authz, Instant now) {
        return pool.withTransaction(conn -> SqlTemplate.forUpdate(conn, DEACTIVATE)
                .execute(Map.of("id", authz.id(), "now", SqlValues.time(now)))
                .compose(result -> result.rowCount() == 0 ? Future.succeededFuture(false)
                        : SqlTemplate.forUpdate(conn, INVALIDATE_ORDER)
                                .execute(Map.of("order", authz.orderId())).map(true)));
    }
}
