package org.stica.crl.check;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.crl.CrlException;
import org.stica.crl.build.CrlBuilder;
import org.stica.crl.build.CrlContent;
import org.stica.crl.port.RevokedEntry;
import org.stica.crl.store.StoredCrl;
import org.stica.crl.testing.TestPki;

class CrlSafetyCheckTest {
    private static final URI CRL_URL = URI.create("https://pa.example.test/crl");
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final RevokedEntry REVOKED = new RevokedEntry(BigInteger.valueOf(77), T0, 1,
            TestPki.ISSUING_CA);

    private static TestPki pki;
    private static CrlSafetyCheck check;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
        check = new CrlSafetyCheck(pki.signer());
    }

    @Test
    void verify_increasingSuccessor_passes() {
        StoredCrl first = crl(CRL_URL, 100, T0);
        StoredCrl second = crl(CRL_URL, 101, T0.plusSeconds(60));

        assertDoesNotThrow(() -> check.verify(Optional.empty(), first));
        assertDoesNotThrow(() -> check.verify(Optional.of(first), second));
    }

    @Test
    void verify_sameNumber_isRefused() {
        // RFC 5280 §5.2.3: CRL numbers strictly increase (Boulder's storer refuses otherwise).
        StoredCrl first = crl(CRL_URL, 100, T0);

        assertUnsafe(Optional.of(first), crl(CRL_URL, 100, T0.plusSeconds(1)));
        assertUnsafe(Optional.of(first), crl(CRL_URL, 99, T0.plusSeconds(1)));
    }

    @Test
    void verify_changedIdp_isRefused() {
        // RFC 5280 §5.2.5 / STANDARDS.md §6.2 item 5: the IDP stays stable across reissues.
        StoredCrl first = crl(CRL_URL, 100, T0);

        assertUnsafe(Optional.of(first), crl(URI.create("https://pa.example.test/other"), 101,
                T0.plusSeconds(1)));
    }

    @Test
    void verify_thisUpdateBeforePrevious_isRefused() {
        // Boulder's storer: a CRL never goes back in time.
        StoredCrl first = crl(CRL_URL, 100, T0);

        assertUnsafe(Optional.of(first), crl(CRL_URL, 101, T0.minusSeconds(1)));
    }

    @Test
    void verify_signatureFromAnotherKey_isRefused() {
        StoredCrl crl = crl(CRL_URL, 100, T0);

        CrlException e = assertThrows(CrlException.class,
                () -> new CrlSafetyCheck(pki.otherSignerWithSameName()).verify(Optional.empty(),
                        crl));
        assertEquals(CrlException.Kind.UNSAFE, e.kind());
    }

    @Test
    void verify_storedNumberDiffersFromCrlNumber_isRefused() {
        StoredCrl crl = crl(CRL_URL, 100, T0);
        StoredCrl mislabelled = StoredCrl.of(BigInteger.valueOf(101), crl.thisUpdate(),
                crl.nextUpdate(), crl.der());

        assertUnsafe(Optional.empty(), mislabelled);
    }

    @Test
    void verify_garbage_isRefused() {
        assertUnsafe(Optional.empty(), StoredCrl.of(BigInteger.ONE, T0, T0.plusSeconds(60),
                new byte[] {1, 2, 3}));
    }

    @Test
    void covers_listedAndUnlistedEntries_answersExactly() {
        StoredCrl crl = crl(CRL_URL, 100, T0);
        CrlCoverageCheck coverage = new CrlCoverageCheck();

        assertTrue(coverage.covers(crl.file(), List.of(REVOKED)));
        assertTrue(coverage.covers(crl.file(), List.of()));
        assertFalse(coverage.covers(crl.file(), List.of(new RevokedEntry(BigInteger.valueOf(78), T0,
                1,
                TestPki.ISSUING_CA))));
        assertFalse(coverage.covers(crl.file(), List.of(new RevokedEntry(REVOKED.serial(), T0, 1,
                TestPki.OTHER_CA))));
        assertFalse(coverage.covers(crl.file(), List.of(new RevokedEntry(REVOKED.serial(), T0, 4,
                TestPki.ISSUING_CA))));
    }

    private static void assertUnsafe(Optional<StoredCrl> previous, StoredCrl candidate) {
        CrlException e = assertThrows(CrlException.class, () -> check.verify(previous, candidate));
        assertEquals(CrlException.Kind.UNSAFE, e.kind());
    }

    private static StoredCrl crl(URI url, long number, Instant thisUpdate) {
        Instant nextUpdate = thisUpdate.plusSeconds(86_400);
        CrlContent content = new CrlContent(pki.signer(), url, Optional.empty(), BigInteger.valueOf(
                number),
                thisUpdate, nextUpdate, List.of(REVOKED));
        byte[] der = new CrlBuilder().build(content, pki.contentSigner());
        return StoredCrl.of(BigInteger.valueOf(number), thisUpdate, nextUpdate, der);
    }
}
