package org.stica.crl.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CRLEntryHolder;
import org.bouncycastle.cert.X509CRLHolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.crl.CrlException;
import org.stica.crl.build.CrlBuilder;
import org.stica.crl.build.CrlContent;
import org.stica.crl.port.RevokedEntry;
import org.stica.crl.testing.TestPki;

class CrlFileReaderTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static TestPki pki;
    private static byte[] der;
    private static List<RevokedEntry> entries;

    @BeforeAll
    static void crl() {
        pki = TestPki.create();
        entries = List.of(
                new RevokedEntry(BigInteger.valueOf(5), T0, 0, TestPki.ISSUING_CA),
                new RevokedEntry(BigInteger.valueOf(6), T0, 1, TestPki.ISSUING_CA),
                new RevokedEntry(BigInteger.valueOf(5), T0, 4, TestPki.OTHER_CA));
        der = new CrlBuilder().build(new CrlContent(pki.signer(),
                URI.create("https://pa.example.test/crl"), Optional.empty(),
                BigInteger.valueOf(77), T0, T0.plusSeconds(3600), entries), pki.contentSigner());
    }

    @Test
    void read_builtCrl_matchesBouncyCastle() throws Exception {
        List<String> seen = new ArrayList<>();
        CrlSummary summary = new CrlFileReader().read(file(der), Optional.of(pki.signer()),
                Optional.of((issuer, serial, reason) -> seen.add(X500Name.getInstance(issuer)
                        + "#" + serial + "#" + reason)));

        X509CRLHolder bc = new X509CRLHolder(der);
        List<String> expected = new ArrayList<>();
        for (Object item : bc.getRevokedCertificates()) {
            X509CRLEntryHolder entry = (X509CRLEntryHolder) item;
            int reason = entry.getExtension(Extension.reasonCode) == null ? 0
                    : org.bouncycastle.asn1.x509.CRLReason.getInstance(entry.getExtension(
                            Extension.reasonCode).getParsedValue()).getValue().intValue();
            expected.add(X500Name.getInstance(entry.getCertificateIssuer().getNames()[0]
                    .getName()) + "#" + entry.getSerialNumber() + "#" + reason);
        }
        assertEquals(expected, seen);
        assertEquals(3, summary.entries());
        assertEquals(Optional.of(true), summary.signatureValid());
        assertEquals(Optional.of(BigInteger.valueOf(77)), summary.number());
        assertEquals(T0, summary.thisUpdate());
        assertEquals(Optional.of(T0.plusSeconds(3600)), summary.nextUpdate());
        assertArrayEquals(bc.getIssuer().getEncoded(), summary.issuerDer());
        assertEquals(bc.getExtension(Extension.issuingDistributionPoint),
                summary.issuingDistributionPoint().orElseThrow());
    }

    @Test
    void read_oneSignatureBitFlipped_signatureInvalid() throws Exception {
        byte[] tampered = der.clone();
        tampered[tampered.length - 3] ^= 1;

        CrlSummary summary = new CrlFileReader().read(file(tampered), Optional.of(pki.signer()),
                Optional.empty());

        assertFalse(summary.signatureValid().orElseThrow());
    }

    @Test
    void read_entryBitFlipped_signatureInvalid() throws Exception {
        // the entries pass through the verifier even when they are skipped
        byte[] tampered = der.clone();
        int serial = indexOf(tampered, new byte[] {0x02, 0x01, 0x06});
        tampered[serial + 2] = 0x07;

        CrlSummary summary = new CrlFileReader().read(file(tampered), Optional.of(pki.signer()),
                Optional.empty());

        assertFalse(summary.signatureValid().orElseThrow());
    }

    @Test
    void read_truncatedOrTrailingData_isUnsafe() throws Exception {
        Path truncated = file(Arrays.copyOf(der, der.length - 10));
        Path trailing = file(Arrays.copyOf(der, der.length + 1));

        for (Path bad : List.of(truncated, trailing)) {
            CrlException e = assertThrows(CrlException.class, () -> new CrlFileReader().read(bad,
                    Optional.of(pki.signer()), Optional.empty()));
            assertEquals(CrlException.Kind.UNSAFE, e.kind());
        }
    }

    @Test
    void entryKeys_sameSerialTwoIssuers_distinct() throws Exception {
        EntryKeys keys = new CrlCoverageCheck().listed(file(der));

        assertEquals(3, keys.size());
        assertTrue(new CrlCoverageCheck().covers(file(der), entries));
        assertFalse(new CrlCoverageCheck().covers(file(der), List.of(new RevokedEntry(
                BigInteger.valueOf(6), T0, 1, TestPki.OTHER_CA))));
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        for (int i = 0; i + pattern.length <= data.length; i++) {
            if (Arrays.equals(data, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        throw new AssertionError("pattern not found");
    }

    private static Path file(byte[] content) throws Exception {
        Path file = Files.createTempFile("reader", ".crl");
        file.toFile().deleteOnExit();
        Files.write(file, content);
        return file;
    }
}
