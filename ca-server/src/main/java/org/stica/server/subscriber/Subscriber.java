package org.stica.server.subscriber;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A carrier this CA issues to (issue 15; the STI participant of ATIS-1000080 §6.4.1): its legal
 * name and country (subject O and C of its certificates), optional state (ST) and locality (L),
 * its standing, the SPCs it holds under contract (each held by at most one subscriber), contact
 * URIs ({@code mailto:}, {@code tel:}, {@code https:}) and who created and last changed it.
 */
public record Subscriber(String id, String legalName, String country, Optional<String> state,
                         Optional<String> locality, SubscriberStatus status, List<String> spcs,
                         List<String> contacts, Instant createdAt, String createdBy,
                         Instant changedAt, String changedBy) {

    public Subscriber {
        spcs = List.copyOf(spcs);
        contacts = List.copyOf(contacts);
    }

    /** Whether it may order and renew certificates now. */
    public boolean isActive() {
        return status == SubscriberStatus.ACTIVE;
    }

    /** The fields an operator sets, as recorded. */
    public SubscriberDetails details() {
        return new SubscriberDetails(legalName, country, state, locality, spcs, contacts);
    }
}
