package org.stica.server.notify;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;

/** Expiry warnings: the certificates to warn about and the record of warnings sent. */
public interface ExpiryWarningStore {
    /**
     * Issued, unrevoked certificates with {@code now < notAfter <= until} not yet warned,
     * ordered by serial after {@code afterSerial} (empty string for the first page).
     */
    Future<List<ExpiringCertificate>> expiring(Instant now, Instant until, String afterSerial,
                                               int limit);

    /**
     * Records that {@code serial} was warned and queues {@code delivery} in one transaction;
     * {@code false} (nothing queued) when it had been warned already, e.g. by another instance.
     */
    Future<Boolean> warn(String serial, NewDelivery delivery);
}
