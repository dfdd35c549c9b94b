package org.stica.acme.store.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.templates.RowMapper;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.stica.acme.model.Authz;
import org.stica.acme.model.Challenge;
import org.stica.acme.model.ChallengeStatus;

/**
 * tkauth-01 challenges in {@code acme_challenge} and the outcome of a validation: the challenge,
 * its authorization and its order move together in one transaction (RFC 8555 §7.1.6, RFC 9448 §6).
 */
public final class PgChallengeStore {
    private static final String COLUMNS = "id, authz_id, token, status, validated_at, error";
    private static final String BY_ID = "SELECT " + COLUMNS
            + " FROM acme_challenge WHERE id = #{id}";
    private static final String BY_AUTHZ = "SELECT " + COLUMNS
            + " FROM acme_challenge WHERE authz_id = #{authz} ORDER BY id";
    private static final String START_PROCESSING = "UPDATE acme_challenge"
            + " SET status = 'processing', processing_since = now()"
            + " WHERE id = #{id} AND status = 'pending'";
    private static final String CHALLENGE_VALID = "UPDATE acme_challenge SET status = 'valid',"
            + " validated_at = #{now} WHERE id = #{id} AND status = 'processing'";
    private static final String AUTHZ_VALID = "UPDATE acme_authz SET status = 'valid',"
            + " token_expires_at = #{tokenExpires}, token_ca = #{ca}"
            + " WHERE id = #{id} AND status = 'pending'";
    private static final String ORDER_READY = "UPDATE acme_order SET status = 'ready'"
            + " WHERE id = #{order} AND status = 'pending' AND NOT EXISTS (SELECT 1 FROM"
            + " acme_authz WHERE order_id = #{order} AND status <> 'valid')";
    private static final String CHALLENGE_INVALID = "UPDATE acme_challenge SET status = 'invalid',"
            + " error = #{error} WHERE id = #{id} AND status = 'processing'";
    private static final String AUTHZ_INVALID = "UPDATE acme_authz SET status = 'invalid'"
            + " WHERE id = #{id} AND status = 'pending'";
    private static final String ORDER_INVALID = "UPDATE acme_order SET status = 'invalid',"
            + " error = #{error} WHERE id = #{order} AND status IN ('pending', 'ready')";

    private static final RowMapper<Challenge> CHALLENGE = row -> new Challenge(
            row.getString("id"), row.getString("authz_id"), row.getString("token"),
            ChallengeStatus.fromWire(row.getString("status")),
            SqlValues.optionalInstant(row, "validated_at"), SqlValues.optionalString(row, "error"));

    private final Pool pool;

    public PgChallengeStore(Pool pool) {
        this.pool = pool;
    }

    public Future<Optional<Challenge>> findById(String id) {
        return SqlTemplate.forQuery(pool, BY_ID).mapTo(CHALLENGE).execute(Map.of("id", id))
                .map(rows -> rows.size() == 0 ? Optional.<Challenge>empty()
                        : Optional.of(rows.iterator().next()));
    }

    public Future<List<Challenge>> findByAuthz(String authzId) {
        return SqlTemplate.forQuery(pool, BY_AUTHZ).mapTo(CHALLENGE)
                .execute(Map.of("authz", authzId))
                .map(rows -> {
                    List<Challenge> list = new ArrayList<>();
                    rows.forEach(list::add);
                    return list;
                });
    }

    /** pending → processing; false when the challenge was not pending (another request won). */
    public Future<Boolean> startProcessing(String id) {
        return pool.withTransaction(conn -> SqlTemplate.forUpdate(conn, START_PROCESSING)
                .execute(Map.of("id", id))).map(result -> result.rowCount() == 1);
    }

    /**
     * Challenge processing → valid, authorization pending → valid with the token's expiry and CA
     * flag, order pending → ready once all its authorizations are valid.
     */
    public Future<Void> recordValid(Challenge challenge, Authz authz, Instant now,
                                    Instant tokenExpires, boolean tokenCa) {
        Map<String, Object> authzParams = new HashMap<>();
        authzParams.put("id", authz.id());
        authzParams.put("tokenExpires", SqlValues.time(tokenExpires));
        authzParams.put("ca", tokenCa);
        return pool.withTransaction(conn -> SqlTemplate.forUpdate(conn, CHALLENGE_VALID)
                .execute(Map.of("id", challenge.id(), "now", SqlValues.time(now)))
                .compose(result -> StoreResults.expectOne(result, "challenge not processing"))
                .compose(v -> SqlTemplate.forUpdate(conn, AUTHZ_VALID).execute(authzParams))
                .compose(v -> SqlTemplate.forUpdate(conn, ORDER_READY)
                        .execute(Map.of("order", authz.orderId())))
                .mapEmpty());
    }

    /** Challenge processing → invalid with the error, its authorization and order → invalid. */
    public Future<Void> recordInvalid(Challenge challenge, Authz authz, String errorJson) {
        return pool.withTransaction(conn -> SqlTemplate.forUpdate(conn, CHALLENGE_INVALID)
                .execute(Map.of("id", challenge.id(), "error", errorJson))
                .compose(result -> StoreResults.expectOne(result, "challenge not processing"))
                .compose(v -> SqlTemplate.forUpdate(conn, AUTHZ_INVALID)
                        .execute(Map.of("id", authz.id())))
                .compose(v -> SqlTemplate.forUpdate(conn, ORDER_INVALID)
                        .execute(Map.of("order", authz.orderId(), "error", errorJson)))
                .mapEmpty());
    }
}
