package org.stica.acme.http;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** RFC 3339 timestamps as ACME objects carry them (§7.1), to the second. */
final class Times {
    private Times() {
    }

    static String format(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
