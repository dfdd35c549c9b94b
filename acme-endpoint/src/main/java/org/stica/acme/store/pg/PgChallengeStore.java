package org.stica.acme.store.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlResult;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.stica.acme.jws.RequestNonce;
import org.stica.acme.model.Authz;
import org.stica.acme.model.Challenge;

/**
 * tkauth-01 challenges in {@code acme_challenge} and the outcome of a validation: the challenge,
 * its authorization and its order move together (RFC 8555 §7.1.6, RFC 9448 §6).
 *
 * <p>Each transition is one statement: pending → processing a lone conditional UPDATE, and the
 * outcome one statement of data-modifying CTEs, which PostgreSQL runs in one implicit
 * transaction. Every CTE sees the snapshot from before the statement, so the authorization's
 * update runs only if the challenge's did (it reads the challenge's RETURNING rows), the order's
 * only if the authorization's did, and "all authorizations of the order are valid" skips the
 * authorization this statement validates (its new status is not visible to the other CTEs). The
 * statements return the challenge and authorization as they now are, so the answer needs no
 * second read.
 */
public final class PgChallengeStore {
    private static final String COLUMNS = AcmeRows.CHALLENGE_COLUMNS;
    private static final String AUTHZ_COLUMNS = AcmeRows.AUTHZ_COLUMNS;
    /** The challenge, its authorization and its order's profile in one round trip. */
    static final String FOR_RESPONSE = "SELECT "
            + AcmeRows.aliased(COLUMNS, "c", "") + ", "
            + AcmeRows.aliased(AUTHZ_COLUMNS, "a", "a_") + ", o.profile AS order_profile"
            + " FROM acme_challenge c JOIN acme_authz a ON a.id = c.authz_id"
            + " JOIN acme_order o ON o.id = a.order_id WHERE c.id = #{id}";
    /**
     * pending → processing for the account's challenge whose authorization is pending and
     * unexpired, returning what the read returns: the claim and the read in one statement.
     */
    static final String CLAIM = "WITH " + FoldedNonce.CTE + ", c AS (UPDATE acme_challenge"
            + " SET status = 'processing', processing_since = now()"
            // a scalar subquery, not EXISTS: that becomes a join, planned on small tables as a
            // sequential scan of acme_authz; this one reads the authorization by key
            + " WHERE id = #{id} AND status = 'pending' AND (SELECT a.account_id = #{account}"
            + " AND a.status = 'pending' AND a.expires_at > #{now} FROM acme_authz a"
            + " WHERE a.id = acme_challenge.authz_id) AND " + FoldedNonce.FIRST_USE
            + " RETURNING " + COLUMNS + ")"
            + " SELECT verdict.nonce_first_use, " + AcmeRows.aliased(COLUMNS, "c", "") + ", "
            + AcmeRows.aliased(AUTHZ_COLUMNS, "a", "a_") + ", o.profile AS order_profile"
            + " FROM " + FoldedNonce.VERDICT + " LEFT JOIN (c JOIN acme_authz a"
            + " ON a.id = c.authz_id JOIN acme_order o ON o.id = a.order_id) ON true";
    static final String START_PROCESSING = "UPDATE acme_challenge"
            + " SET status = 'processing', processing_since = now()"
            + " WHERE id = #{id} AND status = 'pending'";
    /**
     * The authorization after the statement: the updated row when {@code a} changed it, else
     * the row as it was (the statement did not touch it).
     */
    private static final String AUTHZ_NOW = " authz_now AS (SELECT " + AUTHZ_COLUMNS + " FROM a"
            + " UNION ALL SELECT " + AUTHZ_COLUMNS + " FROM acme_authz WHERE id = #{authz}"
            + " AND NOT EXISTS (SELECT 1 FROM a))"
            + " SELECT " + AcmeRows.aliased(COLUMNS, "c", "") + ", "
            + AcmeRows.aliased(AUTHZ_COLUMNS, "authz_now", "a_")
            + " FROM c CROSS JOIN authz_now";
    /** Package-private so a test can check its plan. */
    static final String RECORD_VALID = "WITH c AS (UPDATE acme_challenge"
            + " SET status = 'valid', validated_at = #{now}"
            + " WHERE id = #{id} AND status = 'processing' RETURNING " + COLUMNS + "),"
            + " a AS (UPDATE acme_authz SET status = 'valid',"
            + " token_expires_at = #{tokenExpires}, token_ca = #{ca}"
            + " WHERE id = #{authz} AND status = 'pending' AND EXISTS (SELECT 1 FROM c)"
            + " RETURNING " + AUTHZ_COLUMNS + "),"
            + " o AS (UPDATE acme_order SET status = 'ready'"
            + " WHERE id = #{order} AND status = 'pending' AND EXISTS (SELECT 1 FROM a)"
            + " AND NOT EXISTS (SELECT 1 FROM acme_authz other"
            + " WHERE other.order_id = acme_order.id AND other.id <> #{authz}"
            + " AND other.status <> 'valid') RETURNING id),"
            + AUTHZ_NOW;
    static final String RECORD_INVALID = "WITH c AS (UPDATE acme_challenge"
            + " SET status = 'invalid', error = #{error}"
            + " WHERE id = #{id} AND status = 'processing' RETURNING " + COLUMNS + "),"
            + " a AS (UPDATE acme_authz SET status = 'invalid'"
            + " WHERE id = #{authz} AND status = 'pending' AND EXISTS (SELECT 1 FROM c)"
            + " RETURNING " + AUTHZ_COLUMNS + "),"
            + " o AS (UPDATE acme_order SET status = 'invalid', error = #{error}"
            + " WHERE id = #{order} AND status IN ('pending', 'ready')"
            + " AND EXISTS (SELECT 1 FROM c) RETURNING id),"
            + AUTHZ_NOW;

    private final SqlTemplate<Map<String, Object>, RowSet<Row>> forResponse;
    private final SqlTemplate<Map<String, Object>, SqlResult<Void>> startProcessing;
    private final SqlTemplate<Map<String, Object>, RowSet<Row>> claim;
    private final SqlTemplate<Map<String, Object>, RowSet<Row>> recordValid;
    private final SqlTemplate<Map<String, Object>, RowSet<Row>> recordInvalid;

    public PgChallengeStore(Pool pool) {
        this.forResponse = SqlTemplate.forQuery(pool, FOR_RESPONSE);
        this.startProcessing = SqlTemplate.forUpdate(pool, START_PROCESSING);
        this.claim = SqlTemplate.forQuery(pool, CLAIM);
        this.recordValid = SqlTemplate.forQuery(pool, RECORD_VALID);
        this.recordInvalid = SqlTemplate.forQuery(pool, RECORD_INVALID);
    }

    /** A challenge with its authorization and the profile of the authorization's order. */
    public record Loaded(Challenge challenge, Authz authz, String orderProfile) {
    }

    /** A challenge and its authorization as a transition left them. */
    public record Recorded(Challenge challenge, Authz authz) {
    }

    /** The challenge with its authorization and its order's profile; empty when unknown. */
    public Future<Optional<Loaded>> findForResponse(String id) {
        return forResponse.execute(Map.of("id", id)).map(PgChallengeStore::loaded);
    }

    /**
     * The account's pending challenge moved to processing, with its authorization (pending and
     * unexpired at {@code now}) and its order's profile, in one statement that also records the
     * request's nonce as used ({@link FoldedNonce}); empty when any of that does not hold (then
     * nothing but the nonce changed, and the caller reads to find out why). Fails with
     * badNonce, changing nothing, when the nonce was used before.
     */
    public Future<Optional<Loaded>> claim(String id, String accountId, Instant now,
                                          RequestNonce nonce) {
        return FoldedNonce.execute(claim, Map.of("id", id, "account", accountId,
                "now", SqlValues.time(now)), nonce).map(PgChallengeStore::loaded);
    }

    private static Optional<Loaded> loaded(RowSet<Row> rows) {
        if (rows.size() == 0 || !AcmeRows.present(rows.iterator().next(), "")) {
            return Optional.empty();
        }
        Row row = rows.iterator().next();
        return Optional.of(new Loaded(AcmeRows.challenge(row, ""), AcmeRows.authz(row, "a_"),
                row.getString("order_profile")));
    }

    /**
     * pending → processing in one conditional UPDATE (atomic on its own); false when the
     * challenge was not pending (another request won).
     */
    public Future<Boolean> startProcessing(String id) {
        return startProcessing.execute(Map.of("id", id)).map(result -> result.rowCount() == 1);
    }

    /**
     * Challenge processing → valid, authorization pending → valid with the token's expiry and CA
     * flag, order pending → ready once all its authorizations are valid — in one statement.
     * Fails, changing nothing, unless the challenge was processing.
     */
    public Future<Recorded> recordValid(Challenge challenge, Authz authz, Instant now,
                                        Instant tokenExpires, boolean tokenCa) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", challenge.id());
        params.put("now", SqlValues.time(now));
        params.put("authz", authz.id());
        params.put("order", authz.orderId());
        params.put("tokenExpires", SqlValues.time(tokenExpires));
        params.put("ca", tokenCa);
        return recordValid.execute(params).compose(PgChallengeStore::recorded);
    }

    /**
     * Challenge processing → invalid with the error, its authorization and order → invalid, in
     * one statement. Fails, changing nothing, unless the challenge was processing.
     */
    public Future<Recorded> recordInvalid(Challenge challenge, Authz authz, String errorJson) {
        return recordInvalid.execute(Map.of("id", challenge.id(), "authz", authz.id(),
                        "order", authz.orderId(), "error", errorJson))
                .compose(PgChallengeStore::recorded);
    }

    /** Exactly one row when the challenge moved; none when it was not processing. */
    private static Future<Recorded> recorded(RowSet<Row> rows) {
        if (rows.size() != 1) {
            return Future.failedFuture(
                    new IllegalStateException("illegal transition: challenge not processing"));
        }
        Row row = rows.iterator().next();
        return Future.succeededFuture(new Recorded(AcmeRows.challenge(row, ""),
                AcmeRows.authz(row, "a_")));
    }
}
