package org.stica.policy.profile;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.PolicyQualifierInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.policy.PolicyException;
import org.stica.policy.TestPki;
import org.stica.policy.Violation;
import org.stica.policy.tnauth.TnAuthList;
import org.stica.policy.tnauth.TnAuthListCodec;
import org.stica.policy.tnauth.TnAuthListExtension;
import org.stica.policy.tnauth.TnEntry;

/** The end-entity lint (ATIS-1000080 §6.4.1 / zlint SHAKEN lints; STANDARDS.md §1.1). */
class ShakenLintTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private static KeyPair rootKeys;
    private static X509Certificate root;
    private static KeyPair issuerKeys;
    private static X509Certificate issuer;

    @BeforeAll
    static void hierarchy() {
        rootKeys = TestPki.p256();
        root = TestPki.root("C=US, O=Example STI-CA, CN=Example SHAKEN Root CA", rootKeys,
                NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(7300)));
        issuerKeys = TestPki.p256();
        issuer = TestPki.intermediate("C=US, O=Example STI-CA, CN=Example SHAKEN Intermediate",
                issuerKeys, root, rootKeys.getPrivate(), NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(3650)));
    }

    @Test
    void lintEndEntity_templateCertificate_isClean() {
        List<String> findings = lint(good());
        assertEquals(List.of(), findings);
        assertDoesNotThrow(() -> ShakenLint.requireClean(findings));
    }

    @Test
    void lintEndEntity_tnAuthListCritical_finding() throws Exception {
        // RFC 8226 §9; ATIS-1000080 v005: only BC and KU may be critical.
        X509v3CertificateBuilder builder = good();
        builder.replaceExtension(TnAuthListExtension.OID, true,
                TnAuthListCodec.encode(TnAuthList.ofSpc("1234")));
        assertFindings(builder, "TNAuthList must not be critical");
    }

    @Test
    void lintEndEntity_crlDpWithoutCrlIssuer_finding() throws Exception {
        // ATIS-1000080 v004+ (zlint e_atis_ext_crl_distribution_struct): URI plus cRLIssuer.
        X509v3CertificateBuilder builder = good();
        DistributionPointName name = new DistributionPointName(new GeneralNames(new GeneralName(
                GeneralName.uniformResourceIdentifier, TestPki.CRL_URI.toString())));
        builder.replaceExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(
                new DistributionPoint[] {new DistributionPoint(name, null, null)}));
        assertFindings(builder,
                "CRLDistributionPoints must carry a cRLIssuer with one directoryName");
    }

    @Test
    void lintEndEntity_cnDoesNotNameTheSpc_finding() throws Exception {
        // ATIS-1000080 §6.4.1 (zlint e_atis_subject_cn_spc): CN is "SHAKEN <SPC>".
        X509v3CertificateBuilder builder = good();
        builder.replaceExtension(TnAuthListExtension.OID, false,
                TnAuthListCodec.encode(TnAuthList.ofSpc("5678")));
        assertFindings(builder, "subject CN must be \"SHAKEN 5678\", found \"SHAKEN 1234\"");
    }

    @Test
    void lintEndEntity_p384Key_finding() throws Exception {
        // ATIS-1000080 v005 §6.4.1.1 (RFC 5480): EE keys are P-256.
        X509v3CertificateBuilder builder = good();
        builder.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(
                TestPki.ecKeyPair("secp384r1").getPublic().getEncoded()));
        List<String> findings = lint(builder);
        assertTrue(findings.contains(
                "subject public key must be id-ecPublicKey on named curve P-256"),
                findings::toString);
    }

    @Test
    void lintEndEntity_extraExtendedKeyUsage_finding() throws Exception {
        // ATIS-1000080 v005 §6.4.1.1: no unspecified extensions (zlint e_atis_ext_not_specified).
        X509v3CertificateBuilder builder = good();
        builder.addExtension(Extension.extendedKeyUsage, false,
                new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        assertFindings(builder, "extension 2.5.29.37 is not allowed in a SHAKEN end-entity"
                + " certificate");
    }

    @Test
    void lintEndEntity_smallSerial_finding() {
        // ATIS-1000080 v005 (zlint e_atis_serial_number_size): at least 64 bits.
        X509v3CertificateBuilder builder = good();
        builder.setSerialNumber(BigInteger.valueOf(12345));
        assertFindings(builder, "serial number must hold at least 64 bits, found 14");
    }

    @Test
    void lintEndEntity_negativeOrOversizedSerial_finding() {
        // RFC 5280 §4.1.2.2: positive, at most 20 octets.
        X509v3CertificateBuilder negative = good();
        negative.setSerialNumber(BigInteger.ONE.shiftLeft(70).negate());
        assertFindings(negative, "serial number must be positive");
        X509v3CertificateBuilder big = good();
        big.setSerialNumber(BigInteger.ONE.shiftLeft(170));
        assertFindings(big, "serial number must not exceed 20 octets (RFC 5280 §4.1.2.2)");
    }

    @Test
    void lintEndEntity_sha384Signature_finding() {
        // ATIS-1000080 (zlint e_atis_signature_algorithm): ecdsa-with-SHA256.
        X509CertificateHolder cert = TestPki.signHolder(good(), issuerKeys.getPrivate(),
                "SHA384withECDSA");
        List<String> findings = ShakenLint.lintEndEntity(cert, issuer);
        assertEquals(List.of("signature algorithm must be ecdsa-with-SHA256, found "
                + "1.2.840.10045.4.3.3"), findings);
    }

    @Test
    void lintEndEntity_keyUsageWithKeyCertSign_finding() throws Exception {
        // STANDARDS.md §1.1 table: KU digitalSignature only.
        X509v3CertificateBuilder builder = good();
        builder.replaceExtension(Extension.keyUsage, true,
                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign));
        assertFindings(builder, "KeyUsage must be digitalSignature only (DER 03 02 07 80)");
    }

    @Test
    void lintEndEntity_basicConstraintsNotCriticalOrCa_finding() throws Exception {
        // STANDARDS.md §1.1 table: BC critical, cA FALSE.
        X509v3CertificateBuilder notCritical = good();
        notCritical.replaceExtension(Extension.basicConstraints, false,
                new BasicConstraints(false));
        assertFindings(notCritical, "BasicConstraints must be critical");
        X509v3CertificateBuilder ca = good();
        ca.replaceExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        assertFindings(ca, "BasicConstraints must be cA FALSE without pathLen (DER 30 00)");
    }

    @Test
    void lintEndEntity_policyWithQualifierOrForeignOid_finding() throws Exception {
        // zlint e_atis_ext_certificate_policies / e_shaken_certificate_policies_id.
        X509v3CertificateBuilder qualified = good();
        qualified.replaceExtension(Extension.certificatePolicies, false, new CertificatePolicies(
                new PolicyInformation(new ASN1ObjectIdentifier(TestPki.CP_1_4), new DERSequence(
                        new PolicyQualifierInfo("https://cps.example.test")))));
        assertFindings(qualified, "CertificatePolicies must not carry policy qualifiers");
        X509v3CertificateBuilder foreign = good();
        foreign.replaceExtension(Extension.certificatePolicies, false, new CertificatePolicies(
                new PolicyInformation(new ASN1ObjectIdentifier("2.23.140.1.2.1"))));
        assertFindings(foreign, "CertificatePolicies OID 2.23.140.1.2.1 is not on the SHAKEN CP"
                + " arc 2.16.840.1.114569.1.1");
    }

    @Test
    void lintEndEntity_twoSpcs_finding() throws Exception {
        // ATIS-1000080 v005 (zlint shakenTNAuthMultiple): exactly one SPC.
        X509v3CertificateBuilder builder = good();
        builder.replaceExtension(TnAuthListExtension.OID, false, TnAuthListCodec.encode(
                new TnAuthList(List.of(new TnEntry.Spc("1234"), new TnEntry.Spc("5678")))));
        assertFindings(builder, "TNAuthList must hold exactly one SPC entry (ATIS-1000080 v005)");
    }

    @Test
    void lintEndEntity_implicitlyTaggedTnAuthList_finding() throws Exception {
        // STANDARDS.md §0 trap 4: explicit tags (Asterisk reads primitive [0] as no SPC).
        X509v3CertificateBuilder builder = good();
        builder.replaceExtension(TnAuthListExtension.OID, false,
                HexFormat.of().parseHex("3006800431323334"));
        List<String> findings = lint(builder);
        assertEquals(1, findings.size(), findings::toString);
        assertTrue(findings.get(0).startsWith("TNAuthList: "), findings::toString);
    }

    @Test
    void lintEndEntity_missingSubjectKeyIdentifier_finding() {
        // ATIS-1000080 v005 (zlint e_atis_subject_key_identifier): SKI required.
        X509v3CertificateBuilder builder = good();
        builder.removeExtension(Extension.subjectKeyIdentifier);
        assertFindings(builder, "SubjectKeyIdentifier extension is missing");
    }

    @Test
    void lintEndEntity_wrongIssuerCertificate_findings() {
        // ATIS-1000080 §6.4.1: issuer equals the issuing subject; AKI equals the issuer's SKI.
        List<String> findings = ShakenLint.lintEndEntity(
                TestPki.signHolder(good(), issuerKeys.getPrivate()), root);
        assertEquals(List.of(
                "issuer must equal the issuing certificate's subject byte for byte",
                "AuthorityKeyIdentifier must equal the issuer's SubjectKeyIdentifier"), findings);
    }

    @Test
    void lintEndEntity_notAfterBeyondIssuer_finding() {
        X509v3CertificateBuilder builder = good();
        builder.setNotAfter(Date.from(NOW.plus(Duration.ofDays(4000))));
        assertFindings(builder, "notAfter must not be after the issuer's notAfter");
    }

    @Test
    void lintEndEntity_subjectWithoutOAndWithEmail_findings() {
        // ATIS-1000080 §6.4.1 (zlint e_atis_subject_o_required): one O; only listed attributes.
        X509v3CertificateBuilder builder = good();
        builder.setSubject(new X500Name("C=US, E=noc@example.test, CN=SHAKEN 1234"));
        assertEquals(List.of("subject attribute 1.2.840.113549.1.9.1 is not allowed",
                "subject must hold exactly one non-empty O"), lint(builder));
    }

    @Test
    void lintEndEntity_lowercaseCountry_finding() {
        X509v3CertificateBuilder builder = good();
        builder.setSubject(new X500Name(new RDN[] {
            new RDN(
                    BCStyle.C, new DERIA5String("us")),
            new RDN(
                    BCStyle.O, new DERIA5String("X")),
            new RDN(
                    BCStyle.CN, new DERIA5String("SHAKEN 1234"))
        }));
        assertFindings(builder, "subject must hold exactly one C matching ^[A-Z]{2}$");
    }

    @Test
    void requireClean_findings_throwsProfileLintFailed() {
        PolicyException e = assertThrows(PolicyException.class,
                () -> ShakenLint.requireClean(List.of("a", "b")));
        assertEquals(Violation.PROFILE_LINT_FAILED, e.violation());
        assertEquals("certificate profile lint failed: a; b", e.detail());
    }

    private static X509v3CertificateBuilder good() {
        return ShakenCertificateTemplates.endEntity(TestPki.endEntitySpec(issuer, TestPki.p256(),
                "1234", NOW, NOW.plus(Duration.ofDays(365))));
    }

    private static List<String> lint(X509v3CertificateBuilder builder) {
        return ShakenLint.lintEndEntity(TestPki.signHolder(builder, issuerKeys.getPrivate()),
                issuer);
    }

    /** The lint reports exactly this one finding (nothing else is wrong with the certificate). */
    private static void assertFindings(X509v3CertificateBuilder builder, String expected) {
        assertEquals(List.of(expected), lint(builder));
    }
}
