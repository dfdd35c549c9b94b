package org.stica.acme.support;

import io.vertx.core.Future;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.stica.acme.port.SubscriberCheck;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;
import org.stica.policy.profile.SubscriberName;

/**
 * A subscriber registry for the ACME endpoint's tests: every SPC is held by one active
 * subscriber ({@link #NAME}) unless a test refuses it.
 */
public final class FakeSubscribers implements SubscriberCheck {
    public static final SubscriberName NAME = new SubscriberName("ACME Test Carrier", "US",
            Optional.empty(), Optional.empty());

    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    /** How many times the endpoint asked (newOrder and finalize each ask). */
    public final java.util.concurrent.atomic.AtomicInteger asked =
            new java.util.concurrent.atomic.AtomicInteger();

    /** From now on, no active subscriber holds {@code spc}. */
    public void refuse(String spc) {
        refused.add(spc);
    }

    @Override
    public Future<SubscriberName> entitled(Optional<String> eabLabel, String spc) {
        asked.incrementAndGet();
        return refused.contains(spc)
                ? Future.failedFuture(new PolicyException(Violation.SUBSCRIBER_NOT_ENTITLED,
                        "no active subscriber holds SPC '" + spc + "'"))
                : Future.succeededFuture(NAME);
    }
}
