package org.stica.acme.port;

import io.vertx.core.Future;
import java.util.Optional;
import org.stica.policy.profile.SubscriberName;

/**
 * Port owned by the ACME endpoint, implemented by ca-server from its subscriber registry
 * (issue 15): which carrier an order is for. Asked at newOrder and again at finalize, so a
 * subscriber suspended in between gets no certificate.
 */
@FunctionalInterface
public interface SubscriberCheck {
    /** The {@code eabLabel} prefix of an account bound through EAB to a subscriber. */
    String SUBSCRIBER_LABEL_PREFIX = "subscriber:";

    /**
     * The name of the active subscriber that holds {@code spc}; fails with a
     * {@link org.stica.policy.PolicyException} ({@code SUBSCRIBER_NOT_ENTITLED}, problem
     * {@code rejectedIdentifier}) saying why when no active subscriber holds it, or when
     * {@code eabLabel} binds the account to another subscriber.
     *
     * @param eabLabel the account's EAB label: {@code subscriber:<id>} for an account bound to a
     *                 subscriber; an SPC for a key minted per SPC; empty without EAB
     */
    Future<SubscriberName> entitled(Optional<String> eabLabel, String spc);
}
