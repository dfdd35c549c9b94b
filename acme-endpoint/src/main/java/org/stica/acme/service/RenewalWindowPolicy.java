package org.stica.acme.service;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.stica.acme.port.CertificateFacts;

/**
 * Suggests ARI renewal windows (RFC 9773 §4.2, STANDARDS.md §5.3.6): normally the last third of
 * the validity period, ending a ninth of it before expiry; a revoked certificate, or one whose
 * normal window has already closed (soon invalid or expired), gets a window that is open now
 * ("renew now") and a shorter Retry-After.
 */
public final class RenewalWindowPolicy {
    /** Retry-After for a normal window (clients clamp it to [1 min, 1 day], §4.3.1). */
    public static final Duration NORMAL_RETRY = Duration.ofHours(6);
    /** Retry-After once renewal is due now. */
    public static final Duration URGENT_RETRY = Duration.ofHours(1);

    public RenewalWindow suggest(CertificateFacts facts, Instant now) {
        Duration validity = Duration.between(facts.notBefore(), facts.notAfter());
        Instant start = facts.notBefore().plus(validity.multipliedBy(2).dividedBy(3))
                .truncatedTo(ChronoUnit.SECONDS);
        Instant end = facts.notAfter().minus(validity.dividedBy(9))
                .truncatedTo(ChronoUnit.SECONDS);
        if (facts.revoked() || !now.isBefore(end) || !end.isAfter(start)) {
            Instant open = now.truncatedTo(ChronoUnit.SECONDS);
            return new RenewalWindow(open.minus(Duration.ofHours(1)),
                    open.plus(Duration.ofHours(1)), URGENT_RETRY);
        }
        return new RenewalWindow(start, end, NORMAL_RETRY);
    }
}
