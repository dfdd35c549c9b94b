package org.stica.server.audit;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.stica.acme.port.AuthorityTokenValidator;
import org.stica.acme.port.TokenValidationRequest;
import org.stica.policy.PolicyException;
import org.stica.policy.token.TokenVerdict;
import org.stica.server.token.TokenValidationService;

/**
 * Records every authority token decision (STANDARDS.md §4.5 item 3: "every token validation with
 * its decision and failing step"): {@code spc-token.accepted} with the jti, or
 * {@code spc-token.refused} with the violation and its detail; for the JWTClaimConstraints
 * tokens of RCD orders {@code claim-token.accepted} / {@code claim-token.refused}. The decision
 * is returned only after it is recorded; the token itself is never stored.
 */
public final class AuditedTokenValidator implements AuthorityTokenValidator {
    private final AuthorityTokenValidator delegate;
    private final AuditLog audit;

    public AuditedTokenValidator(AuthorityTokenValidator delegate, AuditLog audit) {
        this.delegate = delegate;
        this.audit = audit;
    }

    @Override
    public Future<TokenVerdict> validate(TokenValidationRequest request) {
        return AuditedOutcome.recorded(delegate.validate(request), audit,
                verdict -> new AuditEvent(kind(request) + ".accepted", request.accountId(),
                        verdict.jti(), new JsonObject().put("expires",
                        verdict.expires().toString()).put("ca", verdict.ca())),
                failure -> refusal(request, failure));
    }

    private static AuditEvent refusal(TokenValidationRequest request, Throwable failure) {
        JsonObject details = new JsonObject();
        if (failure instanceof PolicyException policy) {
            details.put("reason", policy.violation().name()).put("detail", policy.detail());
        } else {
            details.put("reason", "INTERNAL_ERROR");
        }
        return new AuditEvent(kind(request) + ".refused", request.accountId(), kind(request),
                details);
    }

    private static String kind(TokenValidationRequest request) {
        return TokenValidationService.logName(request.identifierType());
    }
}
