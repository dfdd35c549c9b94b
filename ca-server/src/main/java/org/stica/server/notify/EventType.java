package org.stica.server.notify;

import java.util.Arrays;
import java.util.Optional;

/** The events a subscriber's webhook receives, by their wire name ({@code X-STICA-Event}). */
public enum EventType {
    CERTIFICATE_ISSUED("certificate.issued"),
    CERTIFICATE_REVOKED("certificate.revoked"),
    CERTIFICATE_EXPIRING("certificate.expiring"),
    SUBSCRIBER_SUSPENDED("subscriber.suspended");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    /** {@code certificate.issued}, ... */
    public String wireName() {
        return wireName;
    }

    public static Optional<EventType> fromWire(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
