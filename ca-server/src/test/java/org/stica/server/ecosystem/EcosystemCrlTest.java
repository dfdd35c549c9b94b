package org.stica.server.ecosystem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.URI;
import java.security.KeyPair;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.policy.profile.CaSpec;
import org.stica.policy.profile.CrlDistribution;
import org.stica.policy.profile.SerialNumbers;
import org.stica.policy.profile.ShakenCertificateTemplates;
import org.stica.server.ca.CaHierarchy;
import org.stica.server.ca.CaNames;
import org.stica.server.config.Ecosystem;

/**
 * Which CRL certificates name by ecosystem (issue 20; STANDARDS.md §6.1): the CA's own in a
 * private ecosystem, under the STI-PA the STI-PA CRL's URL and issuer DER, failing closed while
 * that CRL is not known.
 */
class EcosystemCrlTest {
    private static final String PUBLIC_URL = "https://ca.example.test";
    private static final URI OWN = URI.create(PUBLIC_URL + "/crl/shaken.crl");
    private static final Ecosystem STI_PA = new Ecosystem(Ecosystem.Mode.STI_PA,
            Optional.of(StiPaCrls.URL));

    private static CaHierarchy ownHierarchy;
    private static CaHierarchy stiPaHierarchy;

    @BeforeAll
    static void hierarchies() throws Exception {
        ownHierarchy = hierarchy(Optional.empty());
        stiPaHierarchy = hierarchy(Optional.of(new CrlDistribution(StiPaCrls.URL,
                StiPaCrls.ISSUER_DER)));
    }

    @Test
    void privateEcosystem_namesTheCasOwnCrlAndCrlSigner() {
        EcosystemCrl crl = new EcosystemCrl(Ecosystem.PRIVATE, ownHierarchy, PUBLIC_URL,
                url -> Optional.of(StiPaCrls.crl(Optional.of(url))));

        assertEquals(OWN, crl.ownCrlUrl());
        assertEquals(OWN, crl.get().url());
        assertArrayEquals(ownHierarchy.crlSigner().getSubjectX500Principal().getEncoded(),
                crl.get().crlIssuerDer());
        assertEquals(Optional.empty(), crl.unavailable());
    }

    @Test
    void stiPa_crlKnown_namesItsUrlAndItsIssuerDerAndKeepsTheOwnCrlApart() {
        X509CRL stiPaCrl = StiPaCrls.crl(Optional.of(StiPaCrls.URL));
        EcosystemCrl crl = new EcosystemCrl(STI_PA, ownHierarchy, PUBLIC_URL,
                url -> url.equals(StiPaCrls.URL) ? Optional.of(stiPaCrl) : Optional.empty());

        assertEquals(StiPaCrls.URL, crl.get().url());
        // STANDARDS.md §1.1 item 8: L, ST, CN, C, O copied as DER, not rebuilt from a string
        assertArrayEquals(StiPaCrls.ISSUER_DER, crl.get().crlIssuerDer());
        assertEquals(OWN, crl.ownCrlUrl());
        assertSame(crl.get(), crl.get(), "derived once per CRL object");
        assertEquals(Optional.empty(), crl.unavailable());
    }

    @Test
    void stiPa_crlNotLoaded_failsClosedNamingTheUrl() {
        EcosystemCrl crl = new EcosystemCrl(STI_PA, ownHierarchy, PUBLIC_URL,
                url -> Optional.empty());

        StiPaCrlUnknownException e = assertThrows(StiPaCrlUnknownException.class, crl::get);
        assertTrue(e.getMessage().contains(StiPaCrls.URL.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("nothing was issued"), e.getMessage());
        assertEquals(Optional.of(e.getMessage()), crl.unavailable());
    }

    @Test
    void stiPa_crlWhoseIdpNamesAnotherUrl_failsClosed() {
        X509CRL elsewhere = StiPaCrls.crl(Optional.of(URI.create("https://mirror.test/crl")));
        EcosystemCrl crl = new EcosystemCrl(STI_PA, ownHierarchy, PUBLIC_URL,
                url -> Optional.of(elsewhere));

        StiPaCrlUnknownException e = assertThrows(StiPaCrlUnknownException.class, crl::get);
        assertTrue(e.getMessage().contains("https://mirror.test/crl"), e.getMessage());
    }

    @Test
    void stiPa_newCrlObject_isDerivedAgain() {
        AtomicReference<X509CRL> current = new AtomicReference<>(
                StiPaCrls.crl(Optional.of(StiPaCrls.URL)));
        EcosystemCrl crl = new EcosystemCrl(STI_PA, ownHierarchy, PUBLIC_URL,
                url -> Optional.of(current.get()));
        CrlDistribution first = crl.get();
        current.set(StiPaCrls.crl(Optional.of(URI.create("https://mirror.test/crl"))));

        assertThrows(StiPaCrlUnknownException.class, crl::get);
        current.set(StiPaCrls.crl(Optional.empty()));
        assertEquals(first, crl.get());
    }

    @Test
    void privateEcosystem_intermediateNamingTheStiPaCrl_servesTheOwnCrlAtPublicUrl() {
        // switching back from sti-pa: the own CRL is not served at the STI-PA's path
        EcosystemCrl crl = new EcosystemCrl(Ecosystem.PRIVATE, stiPaHierarchy, PUBLIC_URL,
                url -> Optional.empty());

        assertEquals(OWN, crl.ownCrlUrl());
        assertEquals(OWN, crl.get().url());
        assertEquals(StiPaCrls.URL, stiPaHierarchy.crlUrl());
    }

    /** Root, CRL signer and an intermediate naming {@code external} (else the own CRL). */
    private static CaHierarchy hierarchy(Optional<CrlDistribution> external) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant end = now.plus(3650, ChronoUnit.DAYS);
        KeyPair rootKey = StiPaCrls.key();
        X500Name rootName = CaNames.root("Test STI-CA", "US");
        X509Certificate root = sign(ShakenCertificateTemplates.root(new CaSpec(Optional.empty(),
                rootName, rootKey.getPublic(), serial(), now, end, null, null, null)), rootKey);
        X500Name signerName = CaNames.crlSigner("Test STI-CA", "US");
        X509Certificate signer = sign(ShakenCertificateTemplates.crlSigner(new CaSpec(
                Optional.of(root), signerName, StiPaCrls.key().getPublic(), serial(), now, end, null, null,
                null)), rootKey);
        CrlDistribution named = external.orElse(CrlDistribution.of(OWN, signerName));
        X509Certificate intermediate = sign(ShakenCertificateTemplates.intermediate(new CaSpec(
                Optional.of(root), CaNames.intermediate("Test STI-CA", "US"), StiPaCrls.key().getPublic(),
                serial(), now, end, "2.16.840.1.114569.1.1.4", named.url(), named.crlIssuer())),
                rootKey);
        return new CaHierarchy(root, intermediate, signer, named.url());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair key)
            throws Exception {
        return new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
    }

    private static BigInteger serial() {
        return SerialNumbers.random(new java.security.SecureRandom());
    }
}
