package org.stica.server.rcd;

import io.vertx.core.Future;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;
import org.stica.policy.rcd.ConstraintsIdentifier;
import org.stica.server.rcd.store.pg.PgRcdSetStore;

/**
 * Whether a JWTClaimConstraints value is vetted content of a subscriber (issue 19; RCD.md §8
 * items 1, 4): byte for byte the extension of one of its RCD sets that is approved now. Asked
 * by ACME (newOrder, finalize) and by the PA role before it signs a JWTClaimConstraints token;
 * one indexed read. A refusal is {@link Violation#JWT_CLAIM_CONSTRAINTS_REJECTED} saying why: no
 * approved set of the subscriber has the value (a set of another subscriber, a pending set,
 * content never vetted), or the set that had it was withdrawn.
 */
public final class ApprovedRcdSets {
    private final PgRcdSetStore sets;

    public ApprovedRcdSets(PgRcdSetStore sets) {
        this.sets = sets;
    }

    /** The approved set of {@code subscriberId} whose extension is {@code claims}. */
    public Future<RcdSet> approved(String subscriberId, ConstraintsIdentifier claims) {
        return sets.byExtension(subscriberId, claims.der()).compose(found -> {
            if (found.isEmpty()) {
                return refused("no approved RCD set of subscriber '" + subscriberId + "' has"
                        + " this JWTClaimConstraints value; RCD content is vetted and approved"
                        + " for the subscriber first, and the identifier is the approved set's"
                        + " value byte for byte");
            }
            RcdSet set = found.get();
            if (set.status() != RcdSetStatus.APPROVED) {
                return refused("RCD set '" + set.id() + "' of subscriber '" + subscriberId
                        + "' that had this JWTClaimConstraints value is " + set.status().dbValue()
                        + ", not approved");
            }
            return Future.succeededFuture(set);
        });
    }

    private static Future<RcdSet> refused(String detail) {
        return Future.failedFuture(new PolicyException(Violation.JWT_CLAIM_CONSTRAINTS_REJECTED,
                detail));
    }
}
