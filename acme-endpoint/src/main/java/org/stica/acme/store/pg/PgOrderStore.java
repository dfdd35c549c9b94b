package org.stica.acme.store.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.templates.RowMapper;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.Instant;
import java.util.HashMap;
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
            + " identifier_der, spc, not_before, not_after, error, certificate_id, x5u";
    private static final String INSERT_ORDER = "INSERT INTO acme_order (" + COLUMNS
            + ", created_at) VALUES (#{id}, #{account}, #{status}, #{expires}, #{value}, #{der},"
            + " #{spc}, #{notBefore}, #{notAfter}, NULL, NULL, NULL, #{created})";
    private static final String INSERT_AUTHZ = "INSERT INTO acme_authz (id, order_id, account_id,"
            + " status, expires_at, identifier_value, identifier_der) VALUES (#{id}, #{order},"
            + " #{account}, #{status}, #{expires}, #{value}, #{der})";
    private static final String INSERT_CHALLENGE = "INSERT INTO acme_challenge (id, authz_id,"
            + " type, token, status) VALUES (#{id}, #{authz}, #{type}, #{token}, #{status})";
    private static final String BY_ID = "SELECT " + COLUMNS + " FROM acme_order WHERE id = #{id}";
    private static final String START_PROCESSING = "UPDATE acme_order SET status = 'processing'"
            + " WHERE id = #{id} AND status = 'ready' AND expires_at > #{now}";
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
            SqlValues.optionalString(row, "x5u"));

    private final Pool pool;

    public PgOrderStore(Pool pool) {
        this.pool = pool;
    }

    /** Stores a new pending order with its pending authorization and challenge atomically. */
    public Future<Void> create(Order order, Authz authz, Challenge challenge, Instant now) {
        return pool.withTransaction(conn -> insertOrder(conn, order, now)
                .compose(v -> insertAuthz(conn, authz))
                .compose(v -> insertChallenge(conn, challenge)));
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
