package org.stica.policy.trust;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.security.KeyPair;
import java.security.cert.X509CRL;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.stica.policy.PolicyException;
import org.stica.policy.TestPki;
import org.stica.policy.Violation;
import org.stica.policy.profile.CrlDistribution;

/**
 * Under the STI-PA the CRLDP names the configured STI-PA CRL URL and, as cRLIssuer, that CRL's
 * issuer copied as DER (STANDARDS.md §1.1 item 8, §6.3).
 */
class StiPaCrlDistributionCheckTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @Test
    void of_crlWhoseIdpNamesTheUrl_copiesTheIssuerDer() throws Exception {
        X509CRL crl = crl(Optional.of(TestPki.CRL_URI));
        CrlDistribution point = StiPaCrlDistributionCheck.of(crl, TestPki.CRL_URI);
        assertEquals(TestPki.CRL_URI, point.url());
        // L, ST, CN, C, O as the US STI-PA names its CRL (STANDARDS.md §1.1 item 8)
        assertArrayEquals(TestPki.CRL_ISSUER.getEncoded(ASN1Encoding.DER), point.crlIssuerDer());
        assertArrayEquals(crl.getIssuerX500Principal().getEncoded(), point.crlIssuerDer());
    }

    @Test
    void of_crlWithoutIdp_isAccepted() {
        assertEquals(TestPki.CRL_URI,
                StiPaCrlDistributionCheck.of(crl(Optional.empty()), TestPki.CRL_URI).url());
    }

    @Test
    void of_idpNamingAnotherUrl_refused() {
        X509CRL crl = crl(Optional.of(URI.create("https://elsewhere.test/crl")));
        PolicyException e = assertThrows(PolicyException.class,
                () -> StiPaCrlDistributionCheck.of(crl, TestPki.CRL_URI));
        assertEquals(Violation.PA_CRL_INVALID, e.violation());
        assertEquals("the STI-PA CRL's issuing distribution point names"
                + " [https://elsewhere.test/crl], not the configured " + TestPki.CRL_URI
                + " that certificates would name", e.detail());
    }

    private static X509CRL crl(Optional<URI> idp) {
        try {
            KeyPair key = TestPki.p256();
            X509v2CRLBuilder builder = new X509v2CRLBuilder(TestPki.CRL_ISSUER, Date.from(NOW));
            builder.setNextUpdate(Date.from(NOW.plusSeconds(86400)));
            if (idp.isPresent()) {
                builder.addExtension(Extension.issuingDistributionPoint, true,
                        new IssuingDistributionPoint(new DistributionPointName(new GeneralNames(
                                new GeneralName(GeneralName.uniformResourceIdentifier,
                                        idp.get().toString()))), false, false, null, true,
                                false));
            }
            return new JcaX509CRLConverter().getCRL(builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
