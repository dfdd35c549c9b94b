package org.stica.policy.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.policy.PolicyException;
import org.stica.policy.TestPki;
import org.stica.policy.Violation;

/**
 * The ecosystem CRLDP lint (STANDARDS.md §1.1 item 8, §6.3): the URI and the cRLIssuer DER must
 * be exactly the configured ecosystem's, RDN order and string types included.
 */
class CrlDistributionLintTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final CrlDistribution STI_PA =
            CrlDistribution.of(TestPki.CRL_URI, TestPki.CRL_ISSUER);

    private static KeyPair issuerKeys;
    private static X509Certificate issuer;

    @BeforeAll
    static void hierarchy() {
        TestPki.Issuer intermediate = TestPki.shakenIntermediate(NOW);
        issuerKeys = intermediate.keys();
        issuer = intermediate.certificate();
    }

    @Test
    void lint_certificateNamingTheEcosystemCrl_isClean() {
        assertEquals(List.of(), CrlDistributionLint.lint(TemplatePreview.of(
                endEntity(TestPki.CRL_URI, TestPki.CRL_ISSUER)), STI_PA));
    }

    @Test
    void lint_ownCrlUnderStiPaMode_namesBothUrls() {
        List<String> findings = CrlDistributionLint.lint(TemplatePreview.of(endEntity(
                URI.create("https://ca.example.test/crl/shaken.crl"), TestPki.CRL_ISSUER)),
                STI_PA);
        assertEquals(List.of("CRLDistributionPoints URI must be the ecosystem's CRL "
                + TestPki.CRL_URI + ", found https://ca.example.test/crl/shaken.crl"), findings);
    }

    @Test
    void lint_sameRdnsInAnotherOrder_finding() {
        // STANDARDS.md §1.1 item 8: OpenSSL and Java compare names RDN by RDN, in order
        X500Name reordered = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "US")
                .addRDN(BCStyle.ST, "NJ").addRDN(BCStyle.L, "Bridgewater")
                .addRDN(BCStyle.O, "STI-PA").addRDN(BCStyle.CN, "STI-PA CRL").build();
        List<String> findings = CrlDistributionLint.lint(TemplatePreview.of(
                endEntity(TestPki.CRL_URI, reordered)), STI_PA);
        assertEquals(1, findings.size(), findings::toString);
        assertTrue(findings.get(0).startsWith("CRLDistributionPoints cRLIssuer must be the"
                + " ecosystem CRL's issuer"), findings::toString);
    }

    @Test
    void lint_sameOrderOtherStringType_finding() {
        // copied as DER, never re-encoded: a PrintableString CN is other bytes than UTF8String
        RDN[] rdns = TestPki.CRL_ISSUER.getRDNs();
        RDN[] changed = rdns.clone();
        changed[2] = new RDN(BCStyle.CN, new DERPrintableString("STI-PA CRL"));
        List<String> findings = CrlDistributionLint.lint(TemplatePreview.of(
                endEntity(TestPki.CRL_URI, new X500Name(changed))), STI_PA);
        assertEquals(1, findings.size(), findings::toString);
        assertTrue(findings.get(0).contains("byte for byte"), findings::toString);
    }

    @Test
    void requireOnTemplate_mismatch_refusesAsLintFailure() {
        X509v3CertificateBuilder own = endEntity(URI.create("https://ca.example.test/crl"),
                TestPki.CRL_ISSUER);
        PolicyException e = assertThrows(PolicyException.class,
                () -> CrlDistributionLint.requireOnTemplate(own, STI_PA));
        assertEquals(Violation.PROFILE_LINT_FAILED, e.violation());
    }

    @Test
    void lintEndEntity_withEcosystem_addsTheCrlFindingToTheProfileLint() {
        CrlDistribution other = CrlDistribution.of(URI.create("https://other.test/crl"),
                TestPki.CRL_ISSUER);
        List<String> findings = ShakenLint.lintEndEntity(TemplatePreview.of(
                endEntity(TestPki.CRL_URI, TestPki.CRL_ISSUER)), issuer, other);
        assertEquals(List.of("CRLDistributionPoints URI must be the ecosystem's CRL"
                + " https://other.test/crl, found " + TestPki.CRL_URI), findings);
    }

    @Test
    void lint_intermediateTemplate_isCheckedAlike() {
        // STANDARDS.md §1.2 item 5: the intermediate names the same CRL as the end entity
        KeyPair key = TestPki.p256();
        CaSpec spec = new CaSpec(java.util.Optional.of(issuer), new X500Name(
                "C=US, O=Example STI-CA, CN=Example SHAKEN Intermediate 2"), key.getPublic(),
                TestPki.serial(), NOW, NOW.plus(Duration.ofDays(30)), TestPki.CP_1_4,
                URI.create("https://ca.example.test/crl/shaken.crl"), TestPki.CRL_ISSUER);
        List<String> findings = CrlDistributionLint.lint(TemplatePreview.of(
                ShakenCertificateTemplates.intermediate(spec)), STI_PA);
        assertEquals(1, findings.size(), findings::toString);
    }

    @Test
    void crlDistribution_keepsTheDerItWasGiven() {
        byte[] der = STI_PA.crlIssuerDer();
        der[0] = 0;
        assertEquals(0x30, STI_PA.crlIssuerDer()[0]);
        assertThrows(IllegalArgumentException.class,
                () -> new CrlDistribution(URI.create("relative/crl"), STI_PA.crlIssuerDer()));
    }

    private static X509v3CertificateBuilder endEntity(URI url, X500Name crlIssuer) {
        EndEntitySpec base = TestPki.endEntitySpec(issuer, TestPki.p256(), "1234",
                NOW, NOW.plus(Duration.ofDays(30)));
        return ShakenCertificateTemplates.endEntity(new EndEntitySpec(base.issuer(),
                base.subjectKey(), base.serial(), base.spc(), base.subscriber(),
                base.requestedSubject(), base.notBefore(), base.notAfter(), base.policyOid(),
                url, crlIssuer));
    }
}
