package org.stica.policy.profile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stica.policy.TestPki;
import org.stica.policy.rcd.ConstraintsIdentifier;
import org.stica.policy.rcd.JwtClaimConstraints;
import org.stica.policy.rcd.JwtClaimConstraintsCodec;
import org.stica.policy.tnauth.TnAuthListExtension;

/** SHAKEN profiles by construction (ATIS-1000080 §6.4.1; STANDARDS.md §1.1-§1.3, §7.2). */
class ShakenCertificateTemplatesTest {
    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final HexFormat HEX = HexFormat.of();

    static KeyPair rootKeys;
    static X509Certificate root;
    static KeyPair intermediateKeys;
    static X509Certificate intermediate;

    @BeforeAll
    static void hierarchy() {
        rootKeys = TestPki.p256();
        root = TestPki.root("C=US, O=Example STI-CA, CN=Example SHAKEN Root CA", rootKeys,
                NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(7300)));
        intermediateKeys = TestPki.p256();
        intermediate = TestPki.intermediate(
                "C=US, O=Example STI-CA, CN=Example SHAKEN Intermediate CA 1", intermediateKeys,
                root, rootKeys.getPrivate(), NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(3650)));
    }

    static X509CertificateHolder endEntity(KeyPair subject) {
        return TestPki.signHolder(ShakenCertificateTemplates.endEntity(TestPki.endEntitySpec(
                intermediate, subject, "1234", NOW, NOW.plus(Duration.ofDays(365)))),
                intermediateKeys.getPrivate());
    }

    @Test
    void endEntity_rfc7515Key_hasExactlyTheTableValues() throws Exception {
        // STANDARDS.md §1.1 table and §7.2 / §7.4 DER vectors.
        KeyPair keys = new KeyPair(new ECKey.Builder(Curve.P_256,
                new Base64URL("f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU"),
                new Base64URL("x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0")).build()
                .toECPublicKey(), null);
        X509CertificateHolder cert = TestPki.signHolder(ShakenCertificateTemplates.endEntity(
                TestPki.endEntitySpec(intermediate, keys, "1234", NOW,
                        NOW.plus(Duration.ofDays(365)))), intermediateKeys.getPrivate());
        assertEquals(3, cert.getVersionNumber());
        assertExtension(cert, Extension.basicConstraints, true, "3000");
        assertExtension(cert, Extension.keyUsage, true, "03020780");
        assertExtension(cert, Extension.subjectKeyIdentifier, false,
                "0414ce8d16b1c9338eb7fe397999ae45beee3fb58686");
        assertExtension(cert, Extension.authorityKeyIdentifier, false, "30168014"
                + HEX.formatHex(ShakenCertificateTemplates.subjectKeyIdentifier(intermediate)));
        assertExtension(cert, Extension.certificatePolicies, false,
                "300e300c060a6086480186ff09010104");
        assertExtension(cert, Extension.cRLDistributionPoints, false, "30818c308189a02ba02986276874"
                + "7470733a2f2f70612e6578616d706c652e746573742f646f776e6c6f61642f76312f63726ca25aa4"
                + "5830563114301206035504070c0b4272696467657761746572310b300906035504080c024e4a3113"
                + "301106035504030c0a5354492d50412043524c310b3009060355040613025553310f300d06035504"
                + "0a0c065354492d5041");
        assertExtension(cert, TnAuthListExtension.OID, false, "3008a006160431323334");
        assertEquals(7, cert.getExtensionOIDs().size());
        RDN[] rdns = cert.getSubject().getRDNs();
        assertEquals(List.of(BCStyle.C, BCStyle.O, BCStyle.CN),
                List.of(rdns[0].getFirst().getType(), rdns[1].getFirst().getType(),
                        rdns[2].getFirst().getType()));
        assertEquals("SHAKEN 1234", rdns[2].getFirst().getValue().toString());
        assertArrayEquals(intermediate.getSubjectX500Principal().getEncoded(),
                cert.getIssuer().getEncoded());
        assertEquals(List.of(), ShakenLint.lintEndEntity(cert, intermediate));
    }

    @Test
    void templates_fullChain_validatesWithJdkPkix() throws Exception {
        X509Certificate ee = TestPki.toCertificate(endEntity(TestPki.p256()));
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        params.setRevocationEnabled(false);
        params.setDate(Date.from(NOW.plusSeconds(60)));
        CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509")
                .generateCertPath(List.of(ee, intermediate)), params);
    }

    @Test
    void root_isSelfSignedCaWithKeyCertSignAndCrlSign() throws Exception {
        // STANDARDS.md §1.3: BC cA, SKI, no CP/CRLDP/TNAuthList; KU adds cRLSign on purpose.
        X509CertificateHolder holder = new X509CertificateHolder(root.getEncoded());
        assertEquals(holder.getSubject(), holder.getIssuer());
        assertExtension(holder, Extension.basicConstraints, true, "30030101ff");
        assertExtension(holder, Extension.keyUsage, true, "03020106");
        assertTrue(holder.getExtension(Extension.subjectKeyIdentifier) != null);
        assertEquals(3, holder.getExtensionOIDs().size());
        root.verify(rootKeys.getPublic());
    }

    @Test
    void intermediate_hasPathLenZeroKeyCertSignCpAndCrlDp() throws Exception {
        // STANDARDS.md §1.2: BC cA (pathLen 0), KU keyCertSign only, SKI/AKI, CP, CRLDP.
        X509CertificateHolder holder = new X509CertificateHolder(intermediate.getEncoded());
        assertExtension(holder, Extension.basicConstraints, true, "30060101ff020100");
        assertExtension(holder, Extension.keyUsage, true, "03020204");
        assertExtension(holder, Extension.certificatePolicies, false,
                "300e300c060a6086480186ff09010104");
        assertExtension(holder, Extension.authorityKeyIdentifier, false, "30168014"
                + HEX.formatHex(ShakenCertificateTemplates.subjectKeyIdentifier(root)));
        assertTrue(holder.getExtension(Extension.cRLDistributionPoints) != null);
        assertNull(holder.getExtension(TnAuthListExtension.OID));
        assertEquals(6, holder.getExtensionOIDs().size());
    }

    @Test
    void crlSigner_isNotACaAndSignsCrls() throws Exception {
        KeyPair keys = TestPki.p256();
        X509Certificate signer = TestPki.leaf("C=US, O=Example STI-CA, CN=Example CRL Signer",
                keys, root, rootKeys.getPrivate(), NOW, NOW.plus(Duration.ofDays(365)));
        X509CertificateHolder holder = new X509CertificateHolder(signer.getEncoded());
        assertExtension(holder, Extension.basicConstraints, true, "3000");
        assertExtension(holder, Extension.keyUsage, true, "03020182");
        assertEquals(4, holder.getExtensionOIDs().size());
    }

    @Test
    void endEntity_invalidSpec_rejected() {
        KeyPair p384 = TestPki.ecKeyPair("secp384r1");
        assertThrows(IllegalArgumentException.class, () -> ShakenCertificateTemplates.endEntity(
                TestPki.endEntitySpec(intermediate, p384, "1234", NOW, NOW.plusSeconds(60))));
        assertThrows(IllegalArgumentException.class, () -> ShakenCertificateTemplates.endEntity(
                TestPki.endEntitySpec(intermediate, TestPki.p256(), "12a4", NOW,
                        NOW.plusSeconds(60))));
        assertThrows(IllegalArgumentException.class, () -> ShakenCertificateTemplates.endEntity(
                TestPki.endEntitySpec(intermediate, TestPki.p256(), "1234", NOW,
                        NOW.plus(Duration.ofDays(4000)))));
        assertThrows(IllegalArgumentException.class, () -> ShakenCertificateTemplates.endEntity(
                TestPki.endEntitySpec(intermediate, TestPki.p256(), "1234", NOW, NOW)));
    }

    @Test
    void rcdDelegate_copiesTheIdentifierVerbatimNonCritical() {
        // RCD.md §8 items 7-9: the base profile plus exactly the identifier's extension
        ConstraintsIdentifier claims = ConstraintsIdentifier.fromDer(
                JwtClaimConstraintsCodec.encode(new JwtClaimConstraints(List.of("rcd"),
                        List.of(new JwtClaimConstraints.ClaimValues("crn",
                                List.of("Delivery"))), List.of())));
        KeyPair subject = TestPki.p256();
        X509CertificateHolder cert = TestPki.signHolder(ShakenCertificateTemplates.rcdDelegate(
                TestPki.endEntitySpec(intermediate, subject, "1234", NOW,
                        NOW.plus(Duration.ofDays(30))), claims), intermediateKeys.getPrivate());
        assertExtension(cert, JwtClaimConstraintsCodec.ID_PE_27, false,
                HEX.formatHex(claims.der()));
        assertEquals(8, cert.getExtensionOIDs().size());
        assertEquals(List.of(), ShakenLint.lintRcdDelegate(cert, intermediate,
                CrlDistribution.of(TestPki.CRL_URI, TestPki.CRL_ISSUER), claims.der()));
        assertNull(endEntity(subject).getExtension(JwtClaimConstraintsCodec.ID_PE_27),
                "the base profile stays free of it");
    }

    @Test
    void endEntity_openssl_showsTnAuthListAndPolicyOids(@TempDir Path dir) throws Exception {
        X509CertificateHolder cert = endEntity(TestPki.p256());
        Path pem = dir.resolve("ee.pem");
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(cert.getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        Process process = new ProcessBuilder("openssl", "x509", "-noout", "-text", "-in",
                pem.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("1.3.6.1.5.5.7.1.26"), output);
        assertTrue(output.contains("Policy: 2.16.840.1.114569.1.1.4"), output);
        assertTrue(output.contains("Subject: C = US, O = Example Telecom, CN = SHAKEN 1234"),
                output);
        assertTrue(output.contains("CA:FALSE"), output);
    }

    static void assertExtension(X509CertificateHolder cert, ASN1ObjectIdentifier oid,
                                boolean critical, String valueHex) {
        Extension extension = cert.getExtension(oid);
        assertTrue(extension != null, "missing " + oid);
        assertEquals(critical, extension.isCritical(), "criticality of " + oid);
        assertEquals(valueHex, HEX.formatHex(extension.getExtnValue().getOctets()),
                "value of " + oid);
    }
}
