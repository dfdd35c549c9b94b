package org.stica.acme.model;

import java.util.Locale;

/** Challenge status (RFC 8555 §7.1.6): pending, processing, valid or invalid. */
public enum ChallengeStatus {
    PENDING, PROCESSING, VALID, INVALID;

    /** The lowercase name used in JSON and in the database. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ChallengeStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
