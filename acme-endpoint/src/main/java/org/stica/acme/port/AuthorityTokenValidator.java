package org.stica.acme.port;

import io.vertx.core.Future;
import org.stica.policy.token.TokenVerdict;

/**
 * Port owned by the ACME endpoint, implemented by ca-server: validates a tkauth-01 response's
 * authority token end to end (x5u fetch, {@code SpcTokenVerifier}, the jti claim):
 * an SPC token for a TNAuthList authorization, a JWTClaimConstraints token for a
 * JWTClaimConstraints one ({@link TokenValidationRequest#identifierType()}). Fails with a
 * {@link org.stica.policy.PolicyException} naming the failed check.
 */
public interface AuthorityTokenValidator {
    Future<TokenVerdict> validate(TokenValidationRequest request);
}
