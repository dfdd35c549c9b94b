package org.stica.acme.service;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.stica.acme.model.Account;
import org.stica.acme.model.Authz;
import org.stica.acme.model.AuthzStatus;
import org.stica.acme.model.Challenge;
import org.stica.acme.model.ChallengeStatus;
import org.stica.acme.model.Order;
import org.stica.acme.model.RandomIds;
import org.stica.acme.port.ClaimConstraintsCheck;
import org.stica.acme.problem.AcmeProblem;
import org.stica.acme.problem.ProblemType;
import org.stica.acme.store.pg.PgClaimOrderStore;
import org.stica.acme.store.pg.PgOrderStore.Creation;
import org.stica.policy.rcd.ConstraintsIdentifier;
import org.stica.policy.token.TokenType;

/**
 * What an RCD order adds to a TNAuthList order (issue 19; RCD.md §8 items 1, 5): its
 * JWTClaimConstraints identifier must be vetted content of the carrier
 * ({@link ClaimConstraintsCheck}, asked at newOrder and at finalize), is refused under a CA
 * profile (JWTClaimConstraints are end-entity only: RFC 8226 §8, RFC 9118 §3), and gets its own
 * pending authorization and tkauth-01 challenge, created with the order
 * ({@link PgClaimOrderStore}). The order is ready only once both authorizations are valid.
 */
public final class ClaimConstraintsOrders {
    private final ClaimConstraintsCheck check;
    private final PgClaimOrderStore store;

    public ClaimConstraintsOrders(ClaimConstraintsCheck check, PgClaimOrderStore store) {
        this.check = check;
        this.store = store;
    }

    /**
     * Succeeds when the order holds no JWTClaimConstraints identifier, or when its profile
     * issues an end entity and the identifier is an approved RCD set of the carrier; else a
     * {@code rejectedIdentifier} problem saying why (nothing is created or issued).
     */
    Future<Void> approved(Account account, String spc, Optional<ConstraintsIdentifier> claims,
                          String profile) {
        if (claims.isEmpty()) {
            return Future.succeededFuture();
        }
        if (Profiles.requiresCa(profile)) {
            return Future.failedFuture(new AcmeProblem(ProblemType.REJECTED_IDENTIFIER,
                    "a JWTClaimConstraints identifier is for end-entity certificates only"
                            + " (RFC 8226 §8; RFC 9118 §3); profile '" + profile
                            + "' issues a CA certificate"));
        }
        return check.approved(account.eabLabel(), spc, claims.get());
    }

    /** The pending authorization of {@code claims} in {@code order}, expiring {@code expires}. */
    static Authz authz(Order order, ConstraintsIdentifier claims, Instant expires) {
        return new Authz(RandomIds.next(), order.id(), order.accountId(), AuthzStatus.PENDING,
                expires, claims.value(), claims.der(), Optional.empty(), false,
                TokenType.JWT_CLAIM_CONSTRAINTS);
    }

    /**
     * Stores the order with its TNAuthList authorization and challenge and the
     * JWTClaimConstraints authorization {@code claimsAuthz} with a new pending challenge, all at
     * once, if the account's rate admits it ({@link PgClaimOrderStore#create}).
     */
    Future<Creation> create(Order order, Authz authz, Challenge challenge, Authz claimsAuthz,
                            Instant now, Duration window, long limit) {
        Challenge claimsChallenge = new Challenge(RandomIds.next(), claimsAuthz.id(),
                RandomIds.next(), ChallengeStatus.PENDING, Optional.empty(), Optional.empty());
        return store.create(order, authz, challenge, claimsAuthz, claimsChallenge, now, window,
                limit);
    }

    /** The JWTClaimConstraints identifier among an order's authorizations, if any. */
    static Optional<ConstraintsIdentifier> of(List<Authz> authzs) {
        return authzs.stream()
                .filter(a -> a.identifierType() == TokenType.JWT_CLAIM_CONSTRAINTS)
                .map(a -> ConstraintsIdentifier.fromDer(a.identifierDer())).findFirst();
    }
}
