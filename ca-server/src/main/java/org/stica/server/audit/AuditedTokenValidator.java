package org.stica.server.audit;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.stica.acme.port.AuthorityTokenValidator;
import org.stica.acme.port.TokenValidationRequest;
import org.stica.policy.PolicyException;
import org.stica.policy.token.TokenVerdict;
import org.stica.server.token.TokenValidationService;

/**
 * Records every refused authority token (STANDARDS.md §4.5 item 3: "every token validation with
 * its decision and failing step"): {@code spc-token.refused} with the violation and its detail;
 * for the JWTClaimConstraints tokens of RCD orders {@code claim-token.refused}. A refusal is
 * returned only after it is recorded. An acceptance ({@code spc-token.accepted} /
 * {@code claim-token.accepted}, with the jti) is written into the audit outbox by the statement
 * that claims the jti ({@link org.stica.server.token.TokenUses}), so it exists exactly when the
 * claim does (issue 18). The token itself is never stored.
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
        // the acceptance is recorded by the jti claim's statement (TokenUses), with the claim
        return AuditedOutcome.refusalRecorded(delegate.validate(request), audit,
                failure -> false, failure -> refusal(request, failure));
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
