package org.stica.acme.store.pg;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.stica.acme.port.StatementPart;

/**
 * The ACME side of an accepted tkauth-01 token, written by the statement that claims the token's
 * {@code jti} (issue 18): the challenge processing → valid, its authorization pending → valid
 * with the token's {@code exp} and {@code atc.ca}, and its order pending → ready once no other
 * authorization of it is short of valid, as {@link PgChallengeStore#recordValid} does in a
 * statement of its own. The claim and the outcome then commit together, and a challenge costs
 * one statement fewer.
 *
 * <p>The part ({@link StatementPart}, handed to the token validator through its port) is
 * data-modifying CTEs to place after a CTE named {@code accepted} that returns a row iff the
 * token was accepted for this account (its jti claimed by it); they write nothing otherwise. The
 * challenge moves only while it is processing and its authorization pending, so either both move
 * or neither. Its {@code recorded} is 1 when they moved, else 0. Named parameters, all prefixed
 * {@code acme}: the challenge, its authorization and order, the validation time, the token's
 * {@code exp} and {@code atc.ca}.
 */
public final class ValidChallengeSql {
    static final String CTES = "acme_challenge_valid AS (UPDATE acme_challenge"
            + " SET status = 'valid', validated_at = #{acmeValidatedAt}::timestamptz"
            + " WHERE id = #{acmeChallenge}::text AND status = 'processing'"
            + " AND EXISTS (SELECT 1 FROM accepted) AND EXISTS (SELECT 1 FROM acme_authz"
            + " WHERE id = #{acmeAuthz}::text AND status = 'pending') RETURNING id),"
            + " acme_authz_valid AS (UPDATE acme_authz SET status = 'valid',"
            + " token_expires_at = #{acmeTokenExpires}::timestamptz,"
            + " token_ca = #{acmeTokenCa}::boolean WHERE id = #{acmeAuthz}::text"
            + " AND status = 'pending' AND EXISTS (SELECT 1 FROM acme_challenge_valid)"
            + " RETURNING id),"
            + " acme_order_ready AS (UPDATE acme_order SET status = 'ready'"
            + " WHERE id = #{acmeOrder}::text AND status = 'pending'"
            + " AND EXISTS (SELECT 1 FROM acme_authz_valid) AND NOT EXISTS (SELECT 1"
            + " FROM acme_authz other WHERE other.order_id = acme_order.id"
            + " AND other.id <> #{acmeAuthz}::text AND other.status <> 'valid') RETURNING id)";
    static final String RECORDED = "(SELECT count(*) FROM acme_authz_valid)";

    private ValidChallengeSql() {
    }

    /** The challenge, its authorization and order made valid, as a part of the claim. */
    public static StatementPart part(String challengeId, String authzId, String orderId,
                                     Instant validatedAt, Instant tokenExpires, boolean tokenCa) {
        Map<String, Object> params = new HashMap<>();
        params.put("acmeChallenge", challengeId);
        params.put("acmeAuthz", authzId);
        params.put("acmeOrder", orderId);
        params.put("acmeValidatedAt", SqlValues.time(validatedAt));
        params.put("acmeTokenExpires", SqlValues.time(tokenExpires));
        params.put("acmeTokenCa", tokenCa);
        return new StatementPart(CTES, RECORDED, params);
    }
}
