package org.stica.acme.support;

import io.vertx.core.Future;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.stica.acme.port.ClaimConstraintsCheck;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;
import org.stica.policy.rcd.ConstraintsIdentifier;

/**
 * Vetted RCD sets for the ACME endpoint's tests: a JWTClaimConstraints identifier is approved
 * once a test {@link #approve}s its value, until it {@link #withdraw}s it.
 */
public final class FakeClaimConstraints implements ClaimConstraintsCheck {
    private final Set<String> approved = ConcurrentHashMap.newKeySet();

    public void approve(String identifierValue) {
        approved.add(identifierValue);
    }

    public void withdraw(String identifierValue) {
        approved.remove(identifierValue);
    }

    @Override
    public Future<Void> approved(Optional<String> eabLabel, String spc,
                                 ConstraintsIdentifier claims) {
        return approved.contains(claims.value()) ? Future.succeededFuture()
                : Future.failedFuture(new PolicyException(
                        Violation.JWT_CLAIM_CONSTRAINTS_REJECTED, "no approved RCD set of the"
                        + " subscriber holding SPC '" + spc + "' has this value"));
    }
}
