package org.stica.crl.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.crl.CrlException;
import org.stica.crl.port.RevokedEntry;
import org.stica.crl.testing.TestPki;

class StreamingCrlWriterTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    @Test
    void write_sameContent_tbsEqualsCrlBuilderAndSignatureVerifies() throws Exception {
        List<RevokedEntry> entries = new ArrayList<>();
        for (int i = 1; i <= 500; i++) {
            entries.add(new RevokedEntry(BigInteger.valueOf(i).shiftLeft(100).add(BigInteger.ONE),
                    T0.plusSeconds(i), i % 2 == 0 ? 1 : 0, TestPki.ISSUING_CA));
        }
        byte[] reference = new CrlBuilder().build(content(entries), pki.contentSigner());
        byte[] streamed = stream(entries);

        X509CRLHolder ref = new X509CRLHolder(reference);
        X509CRLHolder got = new X509CRLHolder(streamed);
        // RFC 5280 §5.1: the same TBSCertList, byte for byte, as the in-memory builder
        assertArrayEquals(ref.toASN1Structure().getTBSCertList().getEncoded(ASN1Encoding.DER),
                got.toASN1Structure().getTBSCertList().getEncoded(ASN1Encoding.DER));
        assertTrue(got.isSignatureValid(new JcaContentVerifierProviderBuilder()
                .build(pki.signer())));
        assertEquals(500, got.getRevokedCertificates().size());
        assertArrayEquals(got.getEncoded(), streamed, "the output is DER (re-encodes the same)");
    }

    @Test
    void write_noEntries_leavesOutRevokedCertificates() throws Exception {
        byte[] reference = new CrlBuilder().build(content(List.of()), pki.contentSigner());
        X509CRLHolder got = new X509CRLHolder(stream(List.of()));
        // RFC 5280 §5.1.2.6: absent, not empty, when there are no entries
        assertArrayEquals(new X509CRLHolder(reference).toASN1Structure().getTBSCertList()
                .getEncoded(), got.toASN1Structure().getTBSCertList().getEncoded());
    }

    @Test
    void add_certificateHoldEntry_isRefused() {
        // RFC 5280 §5.3.1 / STANDARDS.md §6.2 item 6: no certificateHold on a SHAKEN CRL
        try (EntrySpool spool = EntrySpool.create()) {
            assertThrows(CrlException.class, () -> spool.add(new RevokedEntry(BigInteger.TEN, T0,
                    6, TestPki.ISSUING_CA)));
        }
    }

    @Test
    void derHeader_anyLength_matchesBouncyCastle() throws Exception {
        // X.690 §8.1.3 / §10.1: minimal definite length octets, as BC encodes them
        for (int length : new int[] {0, 1, 127, 128, 255, 256, 65_535, 65_536, 1 << 24}) {
            byte[] bc = new DEROctetString(new byte[length]).getEncoded(ASN1Encoding.DER);
            byte[] ours = DerHeader.of(0x04, length);
            assertArrayEquals(Arrays.copyOf(bc, ours.length), ours, "length " + length);
            assertEquals(bc.length, ours.length + length);
        }
    }

    @Test
    void derHeaderRead_bcEncodings_readBackAndNonMinimalRefused() throws Exception {
        // X.690 §10.1: the reader accepts exactly the minimal definite lengths BC writes
        for (int length : new int[] {0, 1, 127, 128, 255, 256, 65_535, 65_536, 1 << 24}) {
            byte[] bc = new DEROctetString(new byte[length]).getEncoded(ASN1Encoding.DER);
            DerHeader.Header header = DerHeader.read(new java.io.ByteArrayInputStream(bc));
            assertEquals(0x04, header.tag());
            assertEquals(length, header.length());
            assertEquals(bc.length, header.encoded().length + length);
        }
        for (byte[] bad : new byte[][] {{0x30, (byte) 0x81, 0x05}, {0x30, (byte) 0x80},
                {0x30}, {0x1f, 0x01}}) {
            assertThrows(java.io.IOException.class,
                    () -> DerHeader.read(new java.io.ByteArrayInputStream(bad)));
        }
    }

    private static byte[] stream(List<RevokedEntry> entries) {
        try (EntrySpool spool = EntrySpool.create()) {
            spool.addAll(entries);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            long written = new StreamingCrlWriter().write(content(List.of()), spool,
                    pki.contentSigner(), out);
            assertEquals(out.size(), written);
            return out.toByteArray();
        }
    }

    private static CrlContent content(List<RevokedEntry> entries) {
        return new CrlContent(pki.signer(), URI.create("https://pa.example.test/crl"),
                Optional.of(URI.create("https://pa.example.test/signer.pem")),
                BigInteger.valueOf(1234), T0, T0.plusSeconds(86_400), entries);
    }
}
