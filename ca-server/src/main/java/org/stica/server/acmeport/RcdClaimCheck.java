package org.stica.server.acmeport;

import io.vertx.core.Future;
import java.util.Optional;
import org.stica.acme.port.ClaimConstraintsCheck;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;
import org.stica.policy.rcd.ConstraintsIdentifier;
import org.stica.server.acmeport.RegistrySubscriberCheck.Holders;
import org.stica.server.rcd.ApprovedRcdSets;

/**
 * {@link ClaimConstraintsCheck} from the CA's vetted RCD sets (issue 19; RCD.md §8 item 1): an
 * order's JWTClaimConstraints identifier must be byte for byte the extension of an approved RCD
 * set of the subscriber holding the ordered SPC, the account's subscriber (the endpoint asks
 * {@link RegistrySubscriberCheck} first, which also refuses an account bound to another one).
 * Read on every newOrder and finalize of an RCD order, so a withdrawal stops issuance at once.
 */
public final class RcdClaimCheck implements ClaimConstraintsCheck {
    private final Holders holders;
    private final ApprovedRcdSets sets;

    public RcdClaimCheck(Holders holders, ApprovedRcdSets sets) {
        this.holders = holders;
        this.sets = sets;
    }

    @Override
    public Future<Void> approved(Optional<String> eabLabel, String spc,
                                 ConstraintsIdentifier claims) {
        return holders.bySpc(spc).compose(holder -> holder.isEmpty()
                ? Future.failedFuture(new PolicyException(Violation.SUBSCRIBER_NOT_ENTITLED,
                        "no subscriber of this CA holds SPC '" + spc + "'"))
                : sets.approved(holder.get().subscriberId(), claims).mapEmpty());
    }
}
