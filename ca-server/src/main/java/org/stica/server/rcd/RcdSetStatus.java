package org.stica.server.rcd;

import java.util.Arrays;
import java.util.Optional;

/** Where an RCD set stands in vetting: recorded, approved by a second operator, or closed. */
public enum RcdSetStatus {
    PENDING, APPROVED, REJECTED, WITHDRAWN;

    /** The value stored in {@code rcd_set.status} and shown by the API. */
    public String dbValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The status stored as {@code value}, if any. */
    public static Optional<RcdSetStatus> fromDb(String value) {
        return Arrays.stream(values()).filter(s -> s.dbValue().equals(value)).findFirst();
    }
}
