package org.stica.policy.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.policy.PolicyException;
import org.stica.policy.TestPki;
import org.stica.policy.Violation;

/** STI-PA CRL acceptance (STANDARDS.md §4.2, §0 trap 8; RFC 5280 §6.3.3). */
class PaCrlCheckTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static KeyPair rootKeys;
    private static X509Certificate root;
    private final PaCrlCheck check = new PaCrlCheck(Duration.ofSeconds(60));

    @BeforeAll
    static void pki() {
        rootKeys = TestPki.p256();
        root = TestPki.root("C=US, O=STI-PA, CN=Test STI-PA Root", rootKeys,
                NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(3650)));
    }

    @Test
    void check_derCrlSignedByRoot_isAccepted() throws Exception {
        X509CRL crl = crl(5, NOW.minusSeconds(60));
        X509CRL accepted = check.check(crl.getEncoded(), List.of(root), Optional.empty(), NOW);
        assertEquals(crl, accepted);
    }

    @Test
    void check_pemCrl_isAccepted() {
        // STANDARDS.md §0 trap 8: the STI-PA serves its CRL as PEM; accept both encodings.
        X509CRL crl = crl(5, NOW.minusSeconds(60));
        X509CRL accepted = check.check(PaCrls.pem(crl).getBytes(StandardCharsets.US_ASCII),
                List.of(root), Optional.empty(), NOW);
        assertEquals(crl, accepted);
    }

    @Test
    void check_crlSignedByAnotherKey_isRefused() throws Exception {
        // RFC 5280 §6.3.3 (f): the CRL signature must verify with a trusted issuer's key.
        X509CRL forged = PaCrls.crl(root, TestPki.p256().getPrivate(), 5, NOW.minusSeconds(60),
                NOW.plusSeconds(3600), List.of());
        assertRefused(forged.getEncoded(), Optional.empty(), "not signed by a trusted");
    }

    @Test
    void check_garbageBody_isRefused() {
        assertRefused("<html>oops</html>".getBytes(StandardCharsets.US_ASCII), Optional.empty(),
                "not an X.509 CRL");
    }

    @Test
    void check_crlNumberLowerThanLastGood_isRefused() throws Exception {
        // RFC 5280 §5.2.3: CRL numbers increase; an older CRL must not replace a newer one.
        X509CRL newer = crl(7, NOW.minusSeconds(60));
        X509CRL older = crl(6, NOW.minusSeconds(30));
        assertRefused(older.getEncoded(), Optional.of(newer), "lower than the last good");
    }

    @Test
    void check_thisUpdateInTheFuture_isRefused() throws Exception {
        assertRefused(crl(5, NOW.plusSeconds(3600)).getEncoded(), Optional.empty(), "future");
    }

    private static X509CRL crl(long number, Instant thisUpdate) {
        return PaCrls.crl(root, rootKeys.getPrivate(), number, thisUpdate,
                thisUpdate.plusSeconds(86400), List.of());
    }

    private void assertRefused(byte[] body, Optional<X509CRL> lastGood, String fragment) {
        PolicyException e = assertThrows(PolicyException.class,
                () -> check.check(body, List.of(root), lastGood, NOW));
        assertEquals(Violation.PA_CRL_INVALID, e.violation());
        assertTrue(e.detail().contains(fragment), e.detail());
    }
}
