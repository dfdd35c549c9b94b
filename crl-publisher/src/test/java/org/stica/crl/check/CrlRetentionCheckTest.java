package org.stica.crl.check;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.crl.CrlException;
import org.stica.crl.build.CrlBuilder;
import org.stica.crl.build.CrlContent;
import org.stica.crl.port.RevokedEntry;
import org.stica.crl.port.RevokedKey;
import org.stica.crl.testing.TestPki;

class CrlRetentionCheckTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    /** The successor of the issuing CA after a rollover: it may reuse a serial. */
    private static final X500Name SUCCESSOR = new X500Name(
            "CN=STI-CA Intermediate 2,O=Example STI-CA,C=US");
    private static final RevokedEntry A = entry(10, TestPki.ISSUING_CA);
    private static final RevokedEntry B = entry(11, TestPki.ISSUING_CA);
    private static final RevokedEntry B_OF_SUCCESSOR = entry(11, SUCCESSOR);

    private static Path previous;
    private final CrlRetentionCheck check = new CrlRetentionCheck();

    @BeforeAll
    static void crl() throws Exception {
        TestPki pki = TestPki.create();
        previous = Files.createTempFile("retention", ".crl");
        Files.write(previous, new CrlBuilder().build(new CrlContent(pki.signer(),
                URI.create("https://pa.example.test/crl"), Optional.empty(), BigInteger.TEN, T0,
                T0.plusSeconds(3600), List.of(A, B, B_OF_SUCCESSOR)), pki.contentSigner()));
    }

    @Test
    void dropped_allEntriesKept_isEmpty() {
        assertEquals(List.of(), check.dropped(previous, List.of(A, B, B_OF_SUCCESSOR,
                entry(12, TestPki.ISSUING_CA))));
    }

    @Test
    void dropped_sameSerialKeptForOtherIssuerOnly_isDropped() {
        // RFC 5280 §5.3.3: an indirect CRL identifies an entry by certificateIssuer and serial;
        // serial 11 of the successor does not keep serial 11 of the first intermediate.
        List<RevokedKey> dropped = check.dropped(previous, List.of(A, B_OF_SUCCESSOR));

        assertEquals(List.of(new RevokedKey(TestPki.ISSUING_CA, BigInteger.valueOf(11))),
                dropped);
        CrlException refused = assertThrows(CrlException.class, () -> check.verify(dropped,
                Map.of(new RevokedKey(SUCCESSOR, BigInteger.valueOf(11)), T0.minusSeconds(1)),
                T0));
        assertEquals(CrlException.Kind.UNSAFE, refused.kind());
    }

    @Test
    void verify_droppedSerialStillValid_isRefused() {
        // RFC 5280 §3.3: an entry stays on the CRL until the certificate expires.
        List<RevokedKey> dropped = check.dropped(previous, List.of(A, B_OF_SUCCESSOR));

        CrlException refused = assertThrows(CrlException.class, () -> check.verify(dropped,
                Map.of(key(B), T0.plusSeconds(86_400)), T0));
        assertEquals(CrlException.Kind.UNSAFE, refused.kind());
    }

    @Test
    void verify_droppedSerialUnknownExpiry_isRefused() {
        // Fail closed (ARCHITECTURE.md rule 7): no evidence of expiry keeps the entry.
        List<RevokedKey> dropped = check.dropped(previous, List.of(A, B_OF_SUCCESSOR));
        assertThrows(CrlException.class, () -> check.verify(dropped, Map.of(), T0));
    }

    @Test
    void verify_droppedSerialExpired_passes() {
        List<RevokedKey> dropped = check.dropped(previous, List.of(A));
        assertEquals(2, dropped.size());
        assertDoesNotThrow(() -> check.verify(dropped, Map.of(key(B), T0.minusSeconds(1),
                key(B_OF_SUCCESSOR), T0.minusSeconds(1)), T0));
    }

    private static RevokedKey key(RevokedEntry entry) {
        return new RevokedKey(entry.certificateIssuer(), entry.serial());
    }

    private static RevokedEntry entry(long serial, X500Name issuer) {
        return new RevokedEntry(BigInteger.valueOf(serial), T0, 1, issuer);
    }
}
