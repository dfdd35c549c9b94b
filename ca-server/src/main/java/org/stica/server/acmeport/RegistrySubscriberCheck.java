package org.stica.server.acmeport;

import io.vertx.core.Future;
import java.util.Optional;
import org.stica.acme.port.SubscriberCheck;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;
import org.stica.policy.profile.SubscriberName;
import org.stica.server.subscriber.store.pg.PgSubscriberStore;

/**
 * {@link SubscriberCheck} from the CA's subscriber registry (issue 15): an SPC may be ordered
 * only for the active subscriber that holds it, and an account bound through EAB to a
 * subscriber ({@code eabLabel} {@code subscriber:<id>}) only for its own SPCs. Asked on every
 * newOrder and finalize; the server answers it from {@link SubscriberHolders}, which forgets
 * what it cached as soon as any instance changes the registry, so a suspension stops orders on
 * every instance within milliseconds. Each refusal says why ({@code rejectedIdentifier}, RFC
 * 8555 §6.7).
 */
public final class RegistrySubscriberCheck implements SubscriberCheck {
    /** Who holds an SPC, as the registry records it. */
    public record Holder(String subscriberId, SubscriberName name, String status) {
        boolean active() {
            return "active".equals(status);
        }
    }

    /** The registry's lookup of the subscriber holding an SPC. */
    @FunctionalInterface
    public interface Holders {
        Future<Optional<Holder>> bySpc(String spc);
    }

    private final Holders holders;

    public RegistrySubscriberCheck(Holders holders) {
        this.holders = holders;
    }

    /** The check over the registry's table ({@link PgSubscriberStore#bySpc}: one indexed read). */
    public static RegistrySubscriberCheck of(PgSubscriberStore registry) {
        return new RegistrySubscriberCheck(holders(registry));
    }

    /** Who holds an SPC, read from the registry's table (one indexed read). */
    public static Holders holders(PgSubscriberStore registry) {
        return spc -> registry.bySpc(spc).map(found -> found.map(
                s -> new Holder(s.id(), new SubscriberName(s.legalName(), s.country(),
                        s.state(), s.locality()), s.status().dbValue())));
    }

    @Override
    public Future<SubscriberName> entitled(Optional<String> eabLabel, String spc) {
        return holders.bySpc(spc).compose(found -> {
            if (found.isEmpty()) {
                return refused("no subscriber of this CA holds SPC '" + spc + "'; the carrier"
                        + " must be registered with the CA for it before ordering");
            }
            Holder holder = found.get();
            if (!holder.active()) {
                return refused("the subscriber holding SPC '" + spc + "' ("
                        + holder.name().organization() + ") is " + holder.status()
                        + "; no certificate is issued for it");
            }
            Optional<String> boundTo = eabLabel.filter(l -> l.startsWith(SUBSCRIBER_LABEL_PREFIX))
                    .map(l -> l.substring(SUBSCRIBER_LABEL_PREFIX.length()));
            if (boundTo.isPresent() && !boundTo.get().equals(holder.subscriberId())) {
                return refused("this account is bound to subscriber '" + boundTo.get()
                        + "', which does not hold SPC '" + spc + "'");
            }
            return Future.succeededFuture(holder.name());
        });
    }

    private static Future<SubscriberName> refused(String detail) {
        return Future.failedFuture(new PolicyException(Violation.SUBSCRIBER_NOT_ENTITLED,
                detail));
    }
}
