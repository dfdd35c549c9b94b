package org.stica.server.subscriber;

import java.util.List;
import java.util.Optional;

/**
 * What an operator sets on a subscriber when creating or changing it: legal name, country,
 * optional state and locality, the SPCs it holds and its contacts. Checked by
 * {@link SubscriberPolicy} before anything is stored.
 */
public record SubscriberDetails(String legalName, String country, Optional<String> state,
                                Optional<String> locality, List<String> spcs,
                                List<String> contacts) {

    public SubscriberDetails {
        spcs = List.copyOf(spcs);
        contacts = List.copyOf(contacts);
    }
}
