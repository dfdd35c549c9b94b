package org.stica.acme.store.pg;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.stica.acme.port.ChallengeOutcome;

/**
 * The ACME side of an accepted tkauth-01 token, written by the statement that claims the token's
 * {@code jti} (issue 18): the challenge processing → valid, its authorization pending → valid
 * with the token's {@code exp} and {@code atc.ca}, and its order pending → ready once no other
 * authorization of it is short of valid, as {@link PgChallengeStore#recordValid} does in a
 * statement of its own. The claim and the outcome then commit together, and a challenge costs
 * one statement fewer.
 *
 * <p>{@link #CTES} are data-modifying CTEs to place after a CTE named {@code accepted} that
 * returns a row iff the token was accepted for this account (its jti claimed by it); they write
 * nothing otherwise, nor when no outcome is named (all parameters null). The challenge moves
 * only while its authorization is pending, so either both move or neither. {@link #RECORDED} is
 * 1 when they moved, else 0. Named parameters: {@code acmeChallenge}, {@code acmeAuthz},
 * {@code acmeOrder}, {@code acmeValidatedAt}, {@code acmeTokenExpires}, {@code acmeTokenCa}
 * ({@link #params}).
 */
public final class ValidChallengeSql {
    public static final String CTES = "acme_challenge_valid AS (UPDATE acme_challenge"
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
    public static final String RECORDED = "(SELECT count(*) FROM acme_authz_valid)";

    private ValidChallengeSql() {
    }

    /** Puts the parameters of {@link #CTES} (all null when there is no outcome). */
    public static void params(Map<String, Object> params, Optional<ChallengeOutcome> outcome,
                              Instant tokenExpires, boolean tokenCa) {
        params.put("acmeChallenge", outcome.map(ChallengeOutcome::challengeId).orElse(null));
        params.put("acmeAuthz", outcome.map(ChallengeOutcome::authzId).orElse(null));
        params.put("acmeOrder", outcome.map(ChallengeOutcome::orderId).orElse(null));
        params.put("acmeValidatedAt", outcome.map(o -> SqlValues.time(o.validatedAt()))
                .orElse(null));
        params.put("acmeTokenExpires", outcome.map(o -> SqlValues.time(tokenExpires))
                .orElse(null));
        params.put("acmeTokenCa", outcome.map(o -> tokenCa).orElse(null));
    }
}
