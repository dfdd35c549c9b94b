package org.stica.acme.port;

import java.time.Instant;

/**
 * The ACME records a tkauth-01 challenge response makes valid when its token is accepted: the
 * challenge (processing → valid at {@code validatedAt}), its authorization (pending → valid with
 * the token's {@code exp} and {@code atc.ca}) and its order (pending → ready once every
 * authorization is valid). Named in a {@link TokenValidationRequest}, the validator records them
 * in the statement that claims the token's {@code jti} ({@code ValidChallengeSql}, issue 18), and
 * its verdict says so ({@link org.stica.policy.token.TokenVerdict#outcomeRecorded()}).
 */
public record ChallengeOutcome(String challengeId, String authzId, String orderId,
                               Instant validatedAt) {
}
