package org.stica.policy.rcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.policy.TestPki;
import org.stica.policy.profile.CrlDistribution;
import org.stica.policy.profile.ScaLint;
import org.stica.policy.profile.ShakenCertificateTemplates;
import org.stica.policy.profile.ShakenLint;

/** The RCD delegate profile lint and the refusal of id-pe 27/33 elsewhere (RCD.md §8). */
class RcdCertificateLintTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final CrlDistribution STI_PA =
            CrlDistribution.of(TestPki.CRL_URI, TestPki.CRL_ISSUER);

    private static KeyPair issuerKeys;
    private static X509Certificate issuer;
    private static JwtClaimConstraints example;
    private static byte[] identifier;

    @BeforeAll
    static void hierarchy() {
        TestPki.Issuer intermediate = TestPki.shakenIntermediate(NOW);
        issuerKeys = intermediate.keys();
        issuer = intermediate.certificate();
        example = JwtClaimConstraintsCodecTest.exampleConstraints();
        identifier = JwtClaimConstraintsCodec.encode(example);
    }

    @Test
    void lintRcdDelegate_extensionEqualToIdentifier_isClean() throws Exception {
        assertEquals(List.of(), delegateLint(withExtension(example.oid(), false, identifier)));
    }

    @Test
    void lintEndEntity_baseProfileWithIdPe27_finding() throws Exception {
        // STANDARDS.md §1.1, RCD.md §8 item 9: base SHAKEN EE certificates stay free of it.
        X509CertificateHolder cert = sign(withExtension(example.oid(), false, identifier));
        assertEquals(List.of("extension 1.3.6.1.5.5.7.1.27 (JWTClaimConstraints) is not allowed"
                + " in a base SHAKEN end-entity certificate, only in the RCD delegate profile"
                + " (STANDARDS.md §1.1; RCD.md §8 item 9)"), ShakenLint.lintEndEntity(cert, issuer));
        assertEquals(List.of(), ShakenLint.lintEndEntity(sign(good()), issuer));
    }

    @Test
    void lintRcdDelegate_bothOids_finding() throws Exception {
        // RFC 9118 §6: never both extensions in one certificate.
        X509v3CertificateBuilder builder = withExtension(example.oid(), false, identifier);
        builder.addExtension(JwtClaimConstraintsCodec.ID_PE_33, false, identifier);
        List<String> findings = delegateLint(builder);
        assertTrue(findings.contains("a certificate must not carry both JWTClaimConstraints and"
                + " EnhancedJWTClaimConstraints (RFC 9118 §6)"), findings::toString);
    }

    @Test
    void lintRcdDelegate_critical_finding() throws Exception {
        // RFC 8226 §8, RFC 9118 §3: non-critical.
        assertEquals(List.of("JWTClaimConstraints (id-pe 27) must not be critical"
                + " (RFC 8226 §8; RFC 9118 §3)"),
                delegateLint(withExtension(example.oid(), true, identifier)));
    }

    @Test
    void lintRcdDelegate_oneByteDifferentFromIdentifier_finding() throws Exception {
        // RFC 8555 §7.4 / RCD.md §8 item 7: copied byte for byte from the identifier.
        byte[] other = identifier.clone();
        other[other.length - 3] ^= 0x01; // one base64 character of the /nam digest
        assertEquals(List.of("the JWTClaimConstraints extension must equal the order's identifier"
                + " byte for byte (RFC 8555 §7.4)"),
                delegateLint(withExtension(example.oid(), false, other)));
    }

    @Test
    void lintRcdDelegate_noConstraint_finding() throws Exception {
        // RFC 9795 §6.3: a delegate signing RCD it is not authoritative for needs the constraint.
        assertEquals(List.of("an RCD delegate certificate must carry JWTClaimConstraints (id-pe 27)"
                + " or EnhancedJWTClaimConstraints (id-pe 33) (RFC 9795 §6.3)"),
                delegateLint(good()));
    }

    @Test
    void lintRcdDelegate_idPe33WithoutMustExclude_finding() throws Exception {
        // RFC 9118 §6: id-pe 27 is the more widely supported; 33 only for mustExclude.
        List<String> findings = delegateLint(withExtension(JwtClaimConstraintsCodec.ID_PE_33,
                false, identifier));
        assertTrue(findings.contains("EnhancedJWTClaimConstraints (id-pe 33) without mustExclude:"
                + " issue id-pe 27, the more widely supported (RFC 9118 §6)"), findings::toString);
    }

    @Test
    void lintRcdDelegate_lintedConstraint_findingsCarryOver() throws Exception {
        // RFC 9118 §3 item 3: orig in mustExclude (decoded from the certificate, then linted).
        byte[] der = JwtClaimConstraintsCodec.encode(new JwtClaimConstraints(List.of("rcd"),
                List.of(), List.of("orig")));
        List<String> findings = delegateLint(withExtension(JwtClaimConstraintsCodec.ID_PE_33,
                false, der), der);
        assertEquals(List.of("EnhancedJWTClaimConstraints (id-pe 33): mustExclude must not list"
                + " the baseline claim orig (RFC 9118 §3 item 3)"), findings);
    }

    @Test
    void scaLint_caCertificateWithConstraint_finding() throws Exception {
        // RFC 8226 §8, RFC 9118 §3: end-entity certificates only.
        X509v3CertificateBuilder sca = ShakenCertificateTemplates.sca(spec());
        sca.addExtension(example.oid(), false, identifier);
        List<String> findings = ScaLint.lint(sign(sca), issuer);
        assertTrue(findings.contains("JWTClaimConstraints belong in end-entity certificates only,"
                + " not in a CA certificate (RFC 8226 §8; RFC 9118 §3)"), findings::toString);
        assertTrue(RcdCertificateLint.lint(sign(ShakenCertificateTemplates.sca(spec())))
                .isEmpty());
    }

    private static List<String> delegateLint(X509v3CertificateBuilder builder) {
        return delegateLint(builder, identifier);
    }

    private static List<String> delegateLint(X509v3CertificateBuilder builder, byte[] expected) {
        return ShakenLint.lintRcdDelegate(sign(builder), issuer, STI_PA, expected);
    }

    private static X509v3CertificateBuilder withExtension(
            org.bouncycastle.asn1.ASN1ObjectIdentifier oid, boolean critical, byte[] value)
            throws Exception {
        X509v3CertificateBuilder builder = good();
        builder.addExtension(new Extension(oid, critical, value));
        return builder;
    }

    private static org.stica.policy.profile.EndEntitySpec spec() {
        return TestPki.endEntitySpec(issuer, TestPki.p256(), "1234", NOW,
                NOW.plus(Duration.ofDays(365)));
    }

    private static X509v3CertificateBuilder good() {
        return ShakenCertificateTemplates.endEntity(spec());
    }

    private static X509CertificateHolder sign(X509v3CertificateBuilder builder) {
        return TestPki.signHolder(builder, issuerKeys.getPrivate());
    }
}
