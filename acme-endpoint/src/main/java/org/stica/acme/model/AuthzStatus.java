package org.stica.acme.model;

import java.util.Locale;

/** Authorization status (RFC 8555 §7.1.6). */
public enum AuthzStatus {
    PENDING, VALID, INVALID, DEACTIVATED, EXPIRED, REVOKED;

    /** The lowercase name used in JSON and in the database. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AuthzStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
