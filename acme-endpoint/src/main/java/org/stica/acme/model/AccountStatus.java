package org.stica.acme.model;

import java.util.Locale;

/** Account status (RFC 8555 §7.1.6): valid, then deactivated (client) or revoked (server). */
public enum AccountStatus {
    VALID, DEACTIVATED, REVOKED;

    /** The lowercase name used in JSON and in the database. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AccountStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
