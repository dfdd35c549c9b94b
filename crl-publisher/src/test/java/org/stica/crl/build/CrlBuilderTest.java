package org.stica.crl.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CRLReason;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.TBSCertList;
import org.bouncycastle.cert.X509CRLEntryHolder;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stica.crl.CrlException;
import org.stica.crl.port.RevokedEntry;
import org.stica.crl.testing.TestPki;

class CrlBuilderTest {
    private static final URI CRL_URL = URI.create("https://pa.example.test/download/v1/crl");
    private static final URI SIGNER_URL = URI.create(
            "https://pa.example.test/download/v1/crl-signer.crt");
    private static final Instant THIS_UPDATE = Instant.parse("2026-11-24T10:00:00Z");
    private static final Instant NEXT_UPDATE = Instant.parse("2026-11-25T10:00:00Z");
    private static final RevokedEntry KEY_COMPROMISE = new RevokedEntry(new BigInteger("1234abcd",
            16),
            Instant.parse("2026-11-24T09:00:00Z"), 1, TestPki.ISSUING_CA);
    private static final RevokedEntry UNSPECIFIED = new RevokedEntry(new BigInteger("5678", 16),
            Instant.parse("2026-11-24T09:30:00Z"), 0, TestPki.OTHER_CA);

    private static TestPki pki;
    private final CrlBuilder builder = new CrlBuilder();

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    @Test
    void build_twoEntries_parsesWithJcaAndVerifiesWithSignerKey() throws Exception {
        X509CRL crl = jca(builder.build(content(List.of(KEY_COMPROMISE, UNSPECIFIED)),
                pki.contentSigner()));

        crl.verify(pki.signer().getPublicKey());
        assertEquals(2, crl.getVersion());
        assertEquals(pki.signer().getSubjectX500Principal(), crl.getIssuerX500Principal());
        assertEquals(THIS_UPDATE, crl.getThisUpdate().toInstant());
        assertEquals(NEXT_UPDATE, crl.getNextUpdate().toInstant());
        assertEquals("1.2.840.10045.4.3.2", crl.getSigAlgOID());
        assertEquals(2, crl.getRevokedCertificates().size());
    }

    @Test
    void build_issuer_isSignerSubjectEncodingByteForByte() throws Exception {
        // RFC 5280 §5.1.2.3: the CRL issuer must match the signer's subject; copy its encoding.
        X509CRLHolder crl = new X509CRLHolder(builder.build(content(List.of()),
                pki.contentSigner()));

        assertArrayEquals(pki.signer().getSubjectX500Principal().getEncoded(),
                crl.getIssuer().getEncoded());
    }

    @Test
    void build_entries_carryCriticalCertificateIssuerAndReasonCode() throws Exception {
        // RFC 5280 §5.3.3: certificateIssuer is critical; §5.3.1: reasonCode left out for
        // unspecified.
        X509CRL crl = jca(builder.build(content(List.of(KEY_COMPROMISE, UNSPECIFIED)),
                pki.contentSigner()));

        X509CRLEntry first = entry(crl, KEY_COMPROMISE.serial());
        assertEquals(new X500Principal(TestPki.ISSUING_CA.getEncoded()),
                first.getCertificateIssuer());
        assertEquals(CRLReason.KEY_COMPROMISE, first.getRevocationReason());
        assertTrue(first.getCriticalExtensionOIDs().contains(Extension.certificateIssuer.getId()));
        assertEquals(KEY_COMPROMISE.revokedAt(), first.getRevocationDate().toInstant());

        X509CRLHolder holder = new X509CRLHolder(crl.getEncoded());
        X509CRLEntryHolder second = holder.getRevokedCertificate(UNSPECIFIED.serial());
        assertNull(second.getExtension(Extension.reasonCode));
        Extension issuer = second.getExtension(Extension.certificateIssuer);
        assertNotNull(issuer);
        assertTrue(issuer.isCritical());
        assertEquals(new X500Principal(TestPki.OTHER_CA.getEncoded()),
                entry(crl, UNSPECIFIED.serial()).getCertificateIssuer());
    }

    @Test
    void build_idp_isCriticalIndirectCrlMatchingStandardsVector() throws Exception {
        // RFC 5280 §5.2.5: IDP critical; STANDARDS.md §7.2 gives the exact DER for this URI.
        X509CRLHolder crl = new X509CRLHolder(builder.build(content(List.of()),
                pki.contentSigner()));

        Extension idp = crl.getExtension(Extension.issuingDistributionPoint);
        assertTrue(idp.isCritical());
        assertEquals("3030a02ba029862768747470733a2f2f70612e6578616d706c652e746573742f"
                + "646f776e6c6f61642f76312f63726c8401ff",
                HexFormat.of().formatHex(idp.getExtnValue().getOctets()));
        IssuingDistributionPoint parsed = IssuingDistributionPoint.getInstance(
                idp.getParsedValue());
        assertTrue(parsed.isIndirectCRL());
        assertFalse(parsed.onlyContainsUserCerts());
        assertFalse(parsed.onlyContainsCACerts());
        assertNull(parsed.getOnlySomeReasons());
    }

    @Test
    void build_numberAkiAia_areNonCriticalAndMatchSigner() throws Exception {
        // RFC 5280 §5.2.3 (CRL Number), §5.2.1 (AKI = signer SKI), §5.2.7 (AIA caIssuers).
        X509CRLHolder crl = new X509CRLHolder(builder.build(content(List.of()),
                pki.contentSigner()));

        Extension number = crl.getExtension(Extension.cRLNumber);
        assertFalse(number.isCritical());
        assertEquals(BigInteger.valueOf(THIS_UPDATE.toEpochMilli()),
                CRLNumber.getInstance(number.getParsedValue()).getCRLNumber());
        Extension aki = crl.getExtension(Extension.authorityKeyIdentifier);
        assertFalse(aki.isCritical());
        SubjectKeyIdentifier ski = SubjectKeyIdentifier.getInstance(
                JcaX509ExtensionUtils.parseExtensionValue(
                pki.signer().getExtensionValue(Extension.subjectKeyIdentifier.getId())));
        assertArrayEquals(ski.getKeyIdentifier(),
                AuthorityKeyIdentifier.getInstance(aki.getParsedValue()).getKeyIdentifierOctets());
        Extension aia = crl.getExtension(Extension.authorityInfoAccess);
        assertFalse(aia.isCritical());
        AccessDescription description = AuthorityInformationAccess.getInstance(aia.getParsedValue())
                .getAccessDescriptions()[0];
        assertEquals(AccessDescription.id_ad_caIssuers, description.getAccessMethod());
        assertEquals(SIGNER_URL.toString(), description.getAccessLocation().getName().toString());
    }

    @Test
    void build_withoutSignerUrl_hasNoAia() throws Exception {
        CrlContent content = new CrlContent(pki.signer(), CRL_URL, Optional.empty(), BigInteger.ONE,
                THIS_UPDATE, NEXT_UPDATE, List.of());
        X509CRLHolder crl = new X509CRLHolder(builder.build(content, pki.contentSigner()));

        assertNull(crl.getExtension(Extension.authorityInfoAccess));
    }

    @Test
    void build_noEntries_omitsRevokedCertificates() throws Exception {
        // RFC 5280 §5.1.2.6: when there are no revoked certificates, the list is absent.
        byte[] der = builder.build(content(List.of()), pki.contentSigner());

        assertNull(jca(der).getRevokedCertificates());
        TBSCertList tbs = TBSCertList.getInstance(ASN1Sequence.getInstance(der).getObjectAt(0));
        assertEquals(0, tbs.getRevokedCertificates().length);
        ASN1Sequence fields = ASN1Sequence.getInstance(tbs.toASN1Primitive());
        // version, signature, issuer, thisUpdate, nextUpdate, [0] extensions: no
        // revokedCertificates.
        assertEquals(6, fields.size());
    }

    @Test
    void build_numberOver20Octets_isRefused() {
        // RFC 5280 §5.2.3: CRL numbers are at most 20 octets.
        CrlContent content = new CrlContent(pki.signer(), CRL_URL, Optional.empty(),
                BigInteger.ONE.shiftLeft(160), THIS_UPDATE, NEXT_UPDATE, List.of());

        CrlException e = assertThrows(CrlException.class, () -> builder.build(content,
                pki.contentSigner()));
        assertEquals(CrlException.Kind.INVALID_CONTENT, e.kind());
    }

    @Test
    void build_numberOf20Octets_isAccepted() {
        CrlContent content = new CrlContent(pki.signer(), CRL_URL, Optional.empty(),
                BigInteger.ONE.shiftLeft(159).subtract(BigInteger.ONE), THIS_UPDATE, NEXT_UPDATE,
                        List.of());

        assertNotNull(builder.build(content, pki.contentSigner()));
    }

    @Test
    void build_duplicateEntry_isRefused() {
        // RFC 5280 §5.1.2.6: a certificate (issuer + serial) is listed once.
        assertInvalid(content(List.of(KEY_COMPROMISE, KEY_COMPROMISE)));
    }

    @Test
    void build_sameSerialOfTwoIssuers_isAccepted() {
        // RFC 5280 §5.3.3: in an indirect CRL, entries are identified by issuer and serial.
        RevokedEntry other = new RevokedEntry(KEY_COMPROMISE.serial(), KEY_COMPROMISE.revokedAt(),
                1,
                TestPki.OTHER_CA);

        assertNotNull(builder.build(content(List.of(KEY_COMPROMISE, other)), pki.contentSigner()));
    }

    @Test
    void build_certificateHoldReason_isRefused() {
        // STANDARDS.md §6.2 item 6: no certificateHold (6) on the SHAKEN CRL.
        assertInvalid(content(List.of(withReason(6))));
    }

    @Test
    void build_reasonSevenOrRemoveFromCrl_isRefused() {
        // RFC 5280 §5.3.1: value 7 is unused; removeFromCRL (8) only in delta CRLs.
        assertInvalid(content(List.of(withReason(7))));
        assertInvalid(content(List.of(withReason(8))));
        assertInvalid(content(List.of(withReason(11))));
    }

    @Test
    void build_missingCertificateIssuer_isRefused() {
        // RFC 5280 §5.3.3: without certificateIssuer the entry would be read as the CRL issuer's.
        assertInvalid(content(List.of(new RevokedEntry(BigInteger.TEN, THIS_UPDATE, 1, null))));
    }

    @Test
    void build_nonPositiveSerial_isRefused() {
        // RFC 5280 §4.1.2.2: serial numbers are positive integers.
        assertInvalid(content(List.of(new RevokedEntry(BigInteger.ZERO, THIS_UPDATE, 1,
                TestPki.ISSUING_CA))));
    }

    @Test
    void build_nextUpdateNotAfterThisUpdate_isRefused() {
        // RFC 5280 §5.1.2.5: nextUpdate is later than thisUpdate.
        assertInvalid(new CrlContent(pki.signer(), CRL_URL, Optional.empty(), BigInteger.ONE,
                THIS_UPDATE,
                THIS_UPDATE, List.of()));
    }

    @Test
    void build_missingNextUpdate_isRefused() {
        // RFC 5280 §5.1.2.5 and STANDARDS.md §6.2 item 3: nextUpdate is always present.
        assertInvalid(new CrlContent(pki.signer(), CRL_URL, Optional.empty(), BigInteger.ONE,
                THIS_UPDATE,
                null, List.of()));
    }

    @Test
    void build_twoEntries_opensslPrintsAndVerifiesIt(@TempDir Path dir) throws Exception {
        byte[] der = builder.build(content(List.of(KEY_COMPROMISE, UNSPECIFIED)),
                pki.contentSigner());
        Path crl = Files.write(dir.resolve("crl.der"), der);
        Path signer = dir.resolve("signer.pem");
        try (JcaPEMWriter writer = new JcaPEMWriter(Files.newBufferedWriter(signer))) {
            writer.writeObject(pki.signer());
        }

        String text = openssl("crl", "-inform", "DER", "-in", crl.toString(), "-noout", "-text");
        assertTrue(text.contains("Issuing Distribution Point: critical"), text);
        assertTrue(text.contains("Indirect CRL"), text);
        assertTrue(text.contains("Certificate Issuer: critical"), text);
        assertTrue(text.contains("Key Compromise"), text);
        assertTrue(text.contains("CN=Test STI-CA Intermediate"), text);
        String verify = openssl("crl", "-inform", "DER", "-in", crl.toString(), "-noout",
                "-verify", "-CAfile",
                signer.toString());
        assertTrue(verify.contains("verify OK"), verify);
    }

    @Test
    void build_emptyCrl_opensslVerifiesIt(@TempDir Path dir) throws Exception {
        Path crl = Files.write(dir.resolve("crl.der"), builder.build(content(List.of()),
                pki.contentSigner()));
        Path signer = dir.resolve("signer.pem");
        try (JcaPEMWriter writer = new JcaPEMWriter(Files.newBufferedWriter(signer))) {
            writer.writeObject(pki.signer());
        }

        String text = openssl("crl", "-inform", "DER", "-in", crl.toString(), "-noout", "-text",
                "-verify", "-CAfile", signer.toString());
        assertTrue(text.contains("No Revoked Certificates"), text);
        assertTrue(text.contains("verify OK"), text);
    }

    private void assertInvalid(CrlContent content) {
        CrlException e = assertThrows(CrlException.class, () -> builder.build(content,
                pki.contentSigner()));
        assertEquals(CrlException.Kind.INVALID_CONTENT, e.kind());
    }

    private static RevokedEntry withReason(int reason) {
        return new RevokedEntry(BigInteger.TWO, THIS_UPDATE, reason, TestPki.ISSUING_CA);
    }

    private static CrlContent content(List<RevokedEntry> entries) {
        return new CrlContent(pki.signer(), CRL_URL, Optional.of(SIGNER_URL),
                BigInteger.valueOf(THIS_UPDATE.toEpochMilli()), THIS_UPDATE, NEXT_UPDATE, entries);
    }

    /** JCA looks entries up by CRL issuer + serial; in an indirect CRL, search by serial. */
    private static X509CRLEntry entry(X509CRL crl, BigInteger serial) {
        return crl.getRevokedCertificates().stream().filter(e -> e.getSerialNumber().equals(serial))
                .findFirst().orElseThrow();
    }

    private static X509CRL jca(byte[] der) throws Exception {
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(
                new ByteArrayInputStream(der));
    }

    /** Runs openssl and returns stdout + stderr; fails unless it exits 0. */
    static String openssl(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = "openssl";
        System.arraycopy(args, 0, command, 1, args.length);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "openssl timed out");
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
