package org.stica.server;

import java.util.Optional;
import org.stica.policy.profile.SubscriberName;

/** The carrier that certificates issued in ca-server's tests name (issue 15). */
public final class TestSubscribers {
    public static final SubscriberName CARRIER = new SubscriberName("Test Carrier, Inc.", "US",
            Optional.empty(), Optional.empty());

    private TestSubscribers() {
    }
}
