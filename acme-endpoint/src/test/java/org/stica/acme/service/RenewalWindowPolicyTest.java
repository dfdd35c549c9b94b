package org.stica.acme.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.stica.acme.port.CertificateFacts;

/** ARI suggested windows (RFC 9773 §4.2, STANDARDS.md §5.3.6). */
class RenewalWindowPolicyTest {
    private static final Instant NOT_BEFORE = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant NOT_AFTER = Instant.parse("2026-01-10T00:00:00Z");
    private final RenewalWindowPolicy policy = new RenewalWindowPolicy();

    @Test
    void suggest_freshCertificate_lastThirdEndingANinthBeforeExpiry() {
        RenewalWindow w = policy.suggest(new CertificateFacts(NOT_BEFORE, NOT_AFTER, false),
                NOT_BEFORE.plus(Duration.ofDays(1)));
        assertEquals(Instant.parse("2026-01-07T00:00:00Z"), w.start());
        assertEquals(Instant.parse("2026-01-09T00:00:00Z"), w.end());
        assertEquals(RenewalWindowPolicy.NORMAL_RETRY, w.retryAfter());
    }

    @Test
    void suggest_pastNormalWindow_opensWindowNow() {
        // STANDARDS.md §5.3.6: a soon-invalid certificate is told to renew now
        Instant now = Instant.parse("2026-01-09T12:00:00Z");
        RenewalWindow w = policy.suggest(new CertificateFacts(NOT_BEFORE, NOT_AFTER, false), now);
        assertFalse(w.start().isAfter(now));
        assertTrue(w.end().isAfter(now));
        assertEquals(RenewalWindowPolicy.URGENT_RETRY, w.retryAfter());
    }

    @Test
    void suggest_revoked_opensWindowNow() {
        Instant now = NOT_BEFORE.plus(Duration.ofDays(1));
        RenewalWindow w = policy.suggest(new CertificateFacts(NOT_BEFORE, NOT_AFTER, true), now);
        assertFalse(w.start().isAfter(now));
        assertTrue(w.end().isAfter(now));
    }

    @Test
    void window_endNotAfterStart_isRefused() {
        // RFC 9773 §4.2: end must be after start, else the window must not be served
        assertThrows(IllegalArgumentException.class,
                () -> new RenewalWindow(NOT_AFTER, NOT_AFTER, Duration.ofHours(1)));
    }
}
