package org.stica.server.token;

import io.vertx.core.Future;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.stica.acme.port.AuthorityTokenValidator;
import org.stica.acme.port.TokenValidationRequest;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;
import org.stica.policy.token.TokenType;
import org.stica.policy.token.TokenVerdict;

/**
 * The ACME endpoint's token validator: each tkauth-01 response goes to the service for its
 * authorization's identifier type (RCD.md §8 item 4): an SPC token for a TNAuthList
 * authorization, a JWTClaimConstraints token for a JWTClaimConstraints one. A type no service
 * validates is refused (fail closed).
 */
public final class TokenTypeDispatch implements AuthorityTokenValidator {
    private final Map<TokenType, TokenValidationService> byType = new EnumMap<>(TokenType.class);

    /** @param services one per token type, each validating its verifier's type */
    public TokenTypeDispatch(List<TokenValidationService> services) {
        services.forEach(service -> byType.put(service.type(), service));
    }

    @Override
    public Future<TokenVerdict> validate(TokenValidationRequest request) {
        TokenValidationService service = byType.get(request.identifierType());
        if (service == null) {
            return Future.failedFuture(new PolicyException(Violation.TOKEN_WRONG_TKTYPE,
                    "this CA validates no " + request.identifierType().wire() + " tokens"));
        }
        return service.validate(request);
    }
}
