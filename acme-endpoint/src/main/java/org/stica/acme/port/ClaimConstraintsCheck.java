package org.stica.acme.port;

import io.vertx.core.Future;
import java.util.Optional;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;
import org.stica.policy.rcd.ConstraintsIdentifier;

/**
 * Port owned by the ACME endpoint, implemented by ca-server from its vetted RCD sets (issue 19):
 * whether an order's JWTClaimConstraints identifier is content the CA vetted for the carrier.
 * Asked at newOrder and again at finalize, after {@link SubscriberCheck} said the account may
 * order the SPC, so a set withdrawn in between gets no certificate.
 */
@FunctionalInterface
public interface ClaimConstraintsCheck {
    /** No RCD issuance: every JWTClaimConstraints identifier is refused. */
    ClaimConstraintsCheck NONE = (eabLabel, spc, claims) -> Future.failedFuture(
            new PolicyException(Violation.JWT_CLAIM_CONSTRAINTS_REJECTED,
                    "this CA issues no certificates with JWTClaimConstraints"));

    /**
     * Succeeds when {@code claims} is byte for byte the extension of an approved RCD set of the
     * subscriber holding {@code spc}; else fails with a {@link PolicyException}
     * ({@code JWT_CLAIM_CONSTRAINTS_REJECTED}, problem {@code rejectedIdentifier}) saying why.
     *
     * @param eabLabel the account's EAB label, as for {@link SubscriberCheck#entitled}
     */
    Future<Void> approved(Optional<String> eabLabel, String spc, ConstraintsIdentifier claims);
}
