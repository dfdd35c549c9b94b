package org.stica.server.subscriber;

import java.util.Locale;
import java.util.Optional;

/**
 * A subscriber's standing (issue 15), stored lowercase: {@code active} may order and renew,
 * {@code suspended} may not (its certificates stay valid), {@code terminated} is final (its
 * certificates are revoked with reason privilegeWithdrawn, RFC 5280 §5.3.1).
 */
public enum SubscriberStatus {
    ACTIVE, SUSPENDED, TERMINATED;

    /** The database and wire value: {@code active}, {@code suspended}, {@code terminated}. */
    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status named by {@code value} (lowercase), if any. */
    public static Optional<SubscriberStatus> fromDb(String value) {
        for (SubscriberStatus status : values()) {
            if (status.dbValue().equals(value)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    /**
     * The allowed transitions: active ↔ suspended, active or suspended → terminated; nothing
     * leaves terminated.
     */
    public boolean canBecome(SubscriberStatus next) {
        return switch (next) {
            case ACTIVE -> this == SUSPENDED;
            case SUSPENDED -> this == ACTIVE;
            case TERMINATED -> this != TERMINATED;
        };
    }
}
