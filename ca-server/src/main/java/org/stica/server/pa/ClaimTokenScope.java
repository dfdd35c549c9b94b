package org.stica.server.pa;

import io.vertx.core.Future;
import org.stica.policy.PolicyException;
import org.stica.policy.rcd.ConstraintsIdentifier;
import org.stica.server.rcd.ApprovedRcdSets;
import org.stica.server.subscriber.SubscriberStatus;
import org.stica.server.subscriber.store.pg.PgSubscriberStore;

/**
 * The scope of a JWTClaimConstraints token the PA role issues (issue 19; RCD.md §6): for a
 * registered SP, only the value of an approved RCD set of the active subscriber that holds the
 * SP's SPC, and only with {@code atc.ca} false (JWTClaimConstraints are end-entity only, RFC 8226
 * §8). A value that is not a canonical JWTClaimConstraints identifier is 400; one outside the
 * scope (no such subscriber, a set of another subscriber, a pending or withdrawn set) 403 with
 * the reason. Nothing is signed then.
 */
public final class ClaimTokenScope implements TokenApiHandler.Scope {
    private final PgSubscriberStore subscribers;
    private final ApprovedRcdSets sets;

    public ClaimTokenScope(PgSubscriberStore subscribers, ApprovedRcdSets sets) {
        this.subscribers = subscribers;
        this.sets = sets;
    }

    @Override
    public Future<Void> check(ServiceProvider sp, String tkvalue, boolean ca) {
        if (ca) {
            return Future.failedFuture(TokenApiHandler.malformed("atc.ca must be false: a"
                    + " JWTClaimConstraints token authorizes an end-entity certificate only"
                    + " (RFC 8226 §8; RFC 9118 §3)"));
        }
        ConstraintsIdentifier claims;
        try {
            claims = ConstraintsIdentifier.fromIdentifierValue(tkvalue);
        } catch (PolicyException e) {
            return Future.failedFuture(TokenApiHandler.malformed("atc.tkvalue is not a"
                    + " JWTClaimConstraints identifier value: " + e.detail()));
        }
        return subscribers.bySpc(sp.spc()).compose(holder -> {
            if (holder.isEmpty() || holder.get().status() != SubscriberStatus.ACTIVE) {
                return Future.failedFuture(ServiceProviderService.forbidden("no active"
                        + " subscriber holds this service provider's SPC " + sp.spc()
                        + "; RCD sets are vetted for subscribers"));
            }
            return sets.approved(holder.get().id(), claims)
                    .<Void>mapEmpty()
                    .recover(failure -> Future.failedFuture(failure instanceof PolicyException p
                            ? ServiceProviderService.forbidden(p.detail()) : failure));
        });
    }
}
