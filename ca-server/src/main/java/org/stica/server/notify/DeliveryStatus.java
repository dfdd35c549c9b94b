package org.stica.server.notify;

import java.util.Locale;

/**
 * Where a delivery stands: {@code pending} (due at {@code nextAttemptAt}, or in flight under a
 * lease), {@code delivered} (a 2xx answer) or {@code failed} (every attempt used, or the webhook
 * was removed).
 */
public enum DeliveryStatus {
    PENDING, DELIVERED, FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DeliveryStatus fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
