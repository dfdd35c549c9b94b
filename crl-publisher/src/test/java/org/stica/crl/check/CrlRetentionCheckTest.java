package org.stica.crl.check;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.crl.CrlException;
import org.stica.crl.build.CrlBuilder;
import org.stica.crl.build.CrlContent;
import org.stica.crl.port.RevokedEntry;
import org.stica.crl.testing.TestPki;

class CrlRetentionCheckTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final RevokedEntry A = entry(10);
    private static final RevokedEntry B = entry(11);

    private static byte[] previous;
    private final CrlRetentionCheck check = new CrlRetentionCheck();

    @BeforeAll
    static void crl() {
        TestPki pki = TestPki.create();
        previous = new CrlBuilder().build(new CrlContent(pki.signer(),
                URI.create("https://pa.example.test/crl"), Optional.empty(), BigInteger.TEN, T0,
                T0.plusSeconds(3600), List.of(A, B)), pki.contentSigner());
    }

    @Test
    void dropped_allEntriesKept_isEmpty() {
        assertEquals(List.of(), check.dropped(previous, List.of(A, B, entry(12))));
    }

    @Test
    void verify_droppedSerialStillValid_isRefused() {
        // RFC 5280 §3.3: an entry stays on the CRL until the certificate expires.
        List<BigInteger> dropped = check.dropped(previous, List.of(A));
        assertEquals(List.of(BigInteger.valueOf(11)), dropped);

        CrlException refused = assertThrows(CrlException.class, () -> check.verify(dropped,
                Map.of(BigInteger.valueOf(11), T0.plusSeconds(86_400)), T0));
        assertEquals(CrlException.Kind.UNSAFE, refused.kind());
    }

    @Test
    void verify_droppedSerialUnknownExpiry_isRefused() {
        // Fail closed (ARCHITECTURE.md rule 7): no evidence of expiry keeps the entry.
        List<BigInteger> dropped = check.dropped(previous, List.of(A));
        assertThrows(CrlException.class, () -> check.verify(dropped, Map.of(), T0));
    }

    @Test
    void verify_droppedSerialExpired_passes() {
        List<BigInteger> dropped = check.dropped(previous, List.of(A));
        assertDoesNotThrow(() -> check.verify(dropped,
                Map.of(BigInteger.valueOf(11), T0.minusSeconds(1)), T0));
    }

    private static RevokedEntry entry(long serial) {
        return new RevokedEntry(BigInteger.valueOf(serial), T0, 1, TestPki.ISSUING_CA);
    }
}
