package org.stica.acme.store.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.templates.RowMapper;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.stica.acme.model.Authz;
import org.stica.acme.model.CertificateRecord;
import org.stica.acme.model.Challenge;
import org.stica.acme.model.Order;
import org.stica.acme.model.OrderStatus;

/**
 * Orders (RFC 8555 §7.4) in {@code acme_order}: creation together with the authorization and
 * challenge, and the finalize transitions ready → processing → valid | invalid.
 */
public final class PgOrderStore {
    private static final String COLUMNS = "id, account_id, status, expires_at, identifier_value,"
            + " identifier_der, spc, not_before, not_after, error, certificate_id, x5u, profile,"
            + " replaces";
    private static final String INSERT_ORDER = "INSERT INTO acme_order (" + COLUMNS
            + ", created_at) VALUES (#{id}, #{account}, #{status}, #{expires}, #{value}, #{der},"
            + " #{spc}, #{notBefore}, #{notAfter}, NULL, NULL, NULL, #{profile}, #{replaces},"
            + " #{created})";
    private static final String PAGE_BY_ACCOUNT = "SELECT id FROM acme_order"
            + " WHERE account_id = #{account} ORDER BY created_at, id"
            + " LIMIT #{limit} OFFSET #{offset}";
    private static final String RECENT_BY_ACCOUNT = "SELECT count(*) AS n,"
            + " min(created_at) AS oldest FROM acme_order"
            + " WHERE account_id = #{account} AND created_at > #{since}";
    private static final String LIVE_REPLACEMENT = "SELECT id FROM acme_order"
            + " WHERE replaces = #{replaces} AND status <> 'invalid'";
    private static final String INSERT_AUTHZ = "INSERT INTO acme_authz (id, order_id, account_id,"
            + " status, expires_at, identifier_value, identifier_der) VALUES (#{id}, #{order},"
            + " #{account}, #{status}, #{expires}, #{value}, #{der})";
    private static final String INSERT_CHALLENGE = "INSERT INTO acme_challenge (id, authz_id,"
            + " type, token, status) VALUES (#{id}, #{authz}, #{type}, #{token}, #{status})";
    private static final String BY_ID = "SELECT " + COLUMNS + " FROM acme_order WHERE id = #{id}";
    private static final String START_PROCESSING = "UPDATE acme_order SET status = 'processing',"
            + " processing_since = now() WHERE id = #{id} AND status = 'ready'"
            + " AND expires_at > #{now}";
    private static final String INSERT_CERTIFICATE = "INSERT INTO acme_certificate (id, order_id,"
            + " account_id, serial_hex, chain_pem, x5u, created_at) VALUES (#{id}, #{order},"
            + " #{account}, #{serial}, #{pem}, #{x5u}, #{created})";
    private static final String MARK_VALID = "UPDATE acme_order SET status = 'valid',"
            + " certificate_id = #{certificate}, x5u = #{x5u}"
            + " WHERE id = #{id} AND status = 'processing'";
    private static final String MARK_INVALID = "UPDATE acme_order SET status = 'invalid',"
            + " error = #{error} WHERE id = #{id} AND status = 'processing'";

    private static final RowMapper<Order> ORDER = row -> new Order(row.getString("id"),
            row.getString("account_id"), OrderStatus.fromWire(row.getString("status")),
            SqlValues.instant(row, "expires_at"), row.getString("identifier_value"),
            SqlValues.bytes(row, "identifier_der"), row.getString("spc"),
            SqlValues.optionalInstant(row, "not_before"),
            SqlValues.optionalInstant(row, "not_after"),
            SqlValues.optionalString(row, "error"),
            SqlValues.optionalString(row, "certificate_id"),
            SqlValues.optionalString(row, "x5u"), row.getString("profile"),
            SqlValues.optionalString(row, "replaces"));

    private final Pool pool;

    public PgOrderStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * Stores a new pending order with its pending authorization and challenge atomically; fails
     * with {@link AlreadyReplacedException} when another live order replaces the same
     * certificate (RFC 9773 §5).
     */
    public Future<Void> create(Order order, Authz authz, Challenge challenge, Instant now) {
        return pool.withTransaction(conn -> insertOrder(conn, order, now)
                .compose(v -> insertAuthz(conn, authz))
                .compose(v -> insertChallenge(conn, challenge)))
                .recover(failure -> Future.failedFuture(UniqueViolations.is(failure)
                        ? new AlreadyReplacedException() : failure));
    }

    /** One page of an account's order ids, oldest first (RFC 8555 §7.1.2.1). */
    public Future<List<String>> pageByAccount(String accountId, int offset, int limit) {
        return SqlTemplate.forQuery(pool, PAGE_BY_ACCOUNT)
                .execute(Map.of("account", accountId, "offset", offset, "limit", limit))
                .map(rows -> {
                    List<String> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getString("id")));
                    return ids;
                });
    }

    /** How many orders the account created after {@code since}, and the oldest of them. */
    public Future<RecentOrders> recentByAccount(String accountId, Instant since) {
        return SqlTemplate.forQuery(pool, RECENT_BY_ACCOUNT)
                .execute(Map.of("account", accountId, "since", SqlValues.time(since)))
                .map(rows -> {
                    var row = rows.iterator().next();
                    return new RecentOrders(row.getLong("n"),
                            SqlValues.optionalInstant(row, "oldest"));
                });
    }

    /** Whether an order that is not invalid already replaces {@code certId} (RFC 9773 §5). */
    public Future<Boolean> isReplaced(String certId) {
        return SqlTemplate.forQuery(pool, LIVE_REPLACEMENT).execute(Map.of("replaces", certId))
                .map(rows -> rows.size() > 0);
    }

    /** The number of recent orders of an account and when the oldest of them was created. */
    public record RecentOrders(long count, Optional<Instant> oldest) {
    }

    public Future<Optional<Order>> findById(String id) {
        return SqlTemplate.forQuery(pool, BY_ID).mapTo(ORDER).execute(Map.of("id", id))
                .map(rows -> rows.size() == 0 ? Optional.<Order>empty()
                        : Optional.of(rows.iterator().next()));
    }

    /** ready → processing; false when another finalize won or the order is not ready/expired. */
    public Future<Boolean> startProcessing(String id, Instant now) {
        return pool.withTransaction(conn -> SqlTemplate.forUpdate(conn, START_PROCESSING)
                .execute(Map.of("id", id, "now", SqlValues.time(now))))
                .map(result -> result.rowCount() == 1);
    }

    /** Records the certificate and moves processing → valid, atomically. */
    public Future<Void> recordIssued(CertificateRecord cert) {
        Map<String, Object> certParams = new HashMap<>();
        certParams.put("id", cert.id());
        certParams.put("order", cert.orderId());
        certParams.put("account", cert.accountId());
        certParams.put("serial", cert.serialHex());
        certParams.put("pem", cert.chainPem());
        certParams.put("x5u", cert.x5u());
        certParams.put("created", SqlValues.time(cert.createdAt()));
        Map<String, Object> orderParams = Map.of("id", cert.orderId(), "certificate", cert.id(),
                "x5u", cert.x5u());
        return pool.withTransaction(conn -> SqlTemplate.forUpdate(conn, INSERT_CERTIFICATE)
                .execute(certParams)
                .compose(v -> SqlTemplate.forUpdate(conn, MARK_VALID).execute(orderParams))
                .compose(result -> StoreResults.expectOne(result, "order not processing")));
    }

    /** processing → invalid with the problem document that explains why. */
    public Future<Void> recordFailed(String id, String errorJson) {
        return pool.withTransaction(conn -> SqlTemplate.forUpdate(conn, MARK_INVALID)
                .execute(Map.of("id", id, "error", errorJson))).mapEmpty();
    }

    private static Future<Void> insertOrder(SqlConnection conn, Order order, Instant now) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", order.id());
        params.put("account", order.accountId());
        params.put("status", order.status().wire());
        params.put("expires", SqlValues.time(order.expires()));
        params.put("value", order.identifierValue());
        params.put("der", SqlValues.bytes(order.identifierDer()));
        params.put("spc", order.spc());
        params.put("notBefore", SqlValues.time(order.notBefore().orElse(null)));
        params.put("notAfter", SqlValues.time(order.notAfter().orElse(null)));
        params.put("created", SqlValues.time(now));
        params.put("profile", order.profile());
        params.put("replaces", order.replaces().orElse(null));
        return SqlTemplate.forUpdate(conn, INSERT_ORDER).execute(params).mapEmpty();
    }

    private static Future<Void> insertAuthz(SqlConnection conn, Authz authz) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", authz.id());
        params.put("order", authz.orderId());
        params.put("account", authz.accountId());
        params.put("status", authz.status().wire());
        params.put("expires", SqlValues.time(authz.expires()));
        params.put("value", authz.identifierValue());
        params.put("der", SqlValues.bytes(authz.identifierDer()));
        return SqlTemplate.forUpdate(conn, INSERT_AUTHZ).execute(params).mapEmpty();
    }

    private static Future<Void> insertChallenge(SqlConnection conn, Challenge challenge) {
        Map<String, Object> params = Map.of("id", challenge.id(), "authz", challenge.authzId(),
                "type", Challenge.TYPE, "token", challenge.token(),
                "status", challenge.status().wire());
        return SqlTemplate.forUpdate(conn, INSERT_CHALLENGE).execute(params).mapEmpty();
    }
}
