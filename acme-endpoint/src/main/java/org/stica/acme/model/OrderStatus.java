package org.stica.acme.model;

import java.util.Locale;

/** Order status (RFC 8555 §7.1.6): pending, ready, processing, valid or invalid. */
public enum OrderStatus {
    PENDING, READY, PROCESSING, VALID, INVALID;

    /** The lowercase name used in JSON and in the database. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OrderStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
