package org.stica.acme.store.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.stica.acme.jws.RequestNonce;
import org.stica.acme.model.Authz;
import org.stica.acme.model.Challenge;
import org.stica.acme.model.Order;
import org.stica.acme.store.pg.PgOrderStore.Creation;

/**
 * Creates the orders that hold two identifiers, a TNAuthList and a JWTClaimConstraints one (RCD
 * orders, issue 19; RCD.md §8 item 1), each with its own authorization and tkauth-01 challenge.
 * One transaction runs {@link PgOrderStore#CREATE}, unchanged (the rate limit, the order, the
 * TNAuthList authorization and its challenge), and then inserts the JWTClaimConstraints
 * authorization and its challenge: all five rows or none. The single-identifier path keeps its
 * one statement; these rarer orders take a transaction of two.
 */
public final class PgClaimOrderStore {
    /** The JWTClaimConstraints authorization and its challenge (which reads the first). */
    static final String CREATE_CLAIMS_AUTHZ = "WITH a AS (INSERT INTO acme_authz (id, order_id,"
            + " account_id, status, expires_at, identifier_value, identifier_der,"
            + " identifier_type) VALUES (#{authz}, #{order}, #{account}, #{status},"
            + " #{expires}::timestamptz, #{value}, #{der}::bytea, #{identifierType})"
            + " RETURNING id)"
            + " INSERT INTO acme_challenge (id, authz_id, type, token, status)"
            + " SELECT #{challenge}, a.id, #{type}, #{token}, #{challengeStatus} FROM a";

    private final Pool pool;

    public PgClaimOrderStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * Stores a new pending order with both authorizations and challenges atomically, if the
     * account's rate admits it (as {@link PgOrderStore#create}: refused, nothing is stored and
     * the answer says when the next order is admitted; {@link AlreadyReplacedException} when
     * another live order replaces the same certificate).
     */
    public Future<Creation> create(Order order, Authz authz, Challenge challenge,
                                   Authz claimsAuthz, Challenge claimsChallenge, Instant now,
                                   Duration window, long limit) {
        if (limit < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("rate limit needs limit >= 1 and a window");
        }
        long windowMicros = window.toNanos() / 1_000;
        long step = Math.max(1, windowMicros / limit);
        // the request's nonce is recorded before this transaction (NULL: the CTE inserts none)
        Map<String, Object> params = FoldedNonce.put(PgOrderStore.createParams(order, authz,
                challenge, now, step, windowMicros), RequestNonce.redeemed());
        Duration lag = Duration.ofNanos((step - windowMicros) * 1_000);
        return pool.withTransaction(connection -> SqlTemplate.forQuery(connection,
                                PgOrderStore.CREATE).execute(params)
                        .compose(rows -> PgOrderStore.creation(rows, now, lag))
                        .compose(creation -> creation.created()
                                ? addClaimsAuthz(connection, claimsAuthz, claimsChallenge)
                                        .map(creation)
                                : Future.succeededFuture(creation)))
                .recover(failure -> Future.failedFuture(UniqueViolations.is(failure)
                        ? new AlreadyReplacedException() : failure));
    }

    private static Future<Void> addClaimsAuthz(SqlConnection connection, Authz authz,
                                               Challenge challenge) {
        Map<String, Object> params = new HashMap<>();
        params.put("authz", authz.id());
        params.put("order", authz.orderId());
        params.put("account", authz.accountId());
        params.put("status", authz.status().wire());
        params.put("expires", SqlValues.time(authz.expires()));
        params.put("value", authz.identifierValue());
        params.put("der", SqlValues.bytes(authz.identifierDer()));
        params.put("identifierType", authz.identifierType().wire());
        params.put("challenge", challenge.id());
        params.put("type", Challenge.TYPE);
        params.put("token", challenge.token());
        params.put("challengeStatus", challenge.status().wire());
        return SqlTemplate.forUpdate(connection, CREATE_CLAIMS_AUTHZ).execute(params)
                .compose(result -> result.rowCount() == 1 ? Future.<Void>succeededFuture()
                        : Future.failedFuture(new IllegalStateException(
                                "JWTClaimConstraints authorization not created")));
    }
}
