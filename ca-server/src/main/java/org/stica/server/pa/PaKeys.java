package org.stica.server.pa;

import java.math.BigInteger;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.stica.hsm.KeyVault;
import org.stica.policy.profile.CaSpec;
import org.stica.policy.profile.SerialNumbers;
import org.stica.policy.profile.ShakenCertificateTemplates;

/**
 * The STI-PA's keys in the KeyVault (STANDARDS.md §4.1 item 5): a self-signed PA root
 * ({@value #ROOT}) and the SPC token signer ({@value #SIGNER}, KU digitalSignature) certified
 * under it; both created on first start in PA role. Blocking: start-up only.
 */
public final class PaKeys {
    /** The PA root key alias. */
    public static final String ROOT = "pa-root";
    /** The SPC token and CA list signing key alias. */
    public static final String SIGNER = "pa-signer";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final X509Certificate root;
    private final X509Certificate signer;

    private PaKeys(X509Certificate root, X509Certificate signer) {
        this.root = root;
        this.signer = signer;
    }

    /** Creates the PA root and signer when missing; returns their certificates. */
    public static PaKeys ensure(KeyVault vault, String organization, Clock clock) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        if (!vault.contains(ROOT)) {
            PublicKey key = vault.generate(ROOT);
            X500Name name = new X500Name("C=US, O=" + organization + ", CN=" + organization
                    + " STI-PA Root");
            CaSpec spec = new CaSpec(Optional.empty(), name, key, serial(), now,
                    now.plus(Duration.ofDays(3650)), null, null, null);
            vault.storeChain(ROOT, List.of(sign(vault, ROOT,
                    ShakenCertificateTemplates.root(spec))));
        }
        X509Certificate root = vault.chain(ROOT).orElseThrow().get(0);
        if (!vault.contains(SIGNER)) {
            PublicKey key = vault.generate(SIGNER);
            X500Name name = new X500Name("C=US, O=" + organization + ", CN=" + organization
                    + " SPC Token Signer");
            CaSpec spec = new CaSpec(Optional.of(root), name, key, serial(), now,
                    now.plus(Duration.ofDays(825)), null, null, null);
            vault.storeChain(SIGNER, List.of(sign(vault, ROOT,
                    ShakenCertificateTemplates.crlSigner(spec)), root));
        }
        return new PaKeys(root, vault.chain(SIGNER).orElseThrow().get(0));
    }

    public X509Certificate root() {
        return root;
    }

    public X509Certificate signer() {
        return signer;
    }

    /**
     * The PA's CRL of revoked PA signer certificates (STANDARDS.md §4.2), signed by the PA root
     * through {@code contentSigner} (the signer pool's worker thread), valid for
     * {@code validity}. No PA signer is revoked by this software yet, so the list is empty.
     */
    public X509CRL crl(ContentSigner contentSigner, long number, Instant now, Duration validity)
            throws CertificateException {
        try {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(
                    X500Name.getInstance(root.getSubjectX500Principal().getEncoded()),
                    Date.from(now));
            builder.setNextUpdate(Date.from(now.plus(validity)));
            builder.addExtension(Extension.cRLNumber, false,
                    new ASN1Integer(BigInteger.valueOf(number)));
            return new JcaX509CRLConverter().getCRL(builder.build(contentSigner));
        } catch (java.io.IOException | java.security.cert.CRLException e) {
            throw new CertificateException("building the PA CRL failed", e);
        }
    }

    private static BigInteger serial() {
        return SerialNumbers.random(RANDOM);
    }

    private static X509Certificate sign(KeyVault vault, String alias,
                                        X509v3CertificateBuilder builder) {
        try {
            ContentSigner contentSigner = new JcaContentSignerBuilder("SHA256withECDSA")
                    .setProvider(vault.provider()).build(vault.privateKey(alias));
            return new JcaX509CertificateConverter().getCertificate(builder.build(contentSigner));
        } catch (OperatorCreationException | CertificateException e) {
            throw new IllegalStateException("certifying the STI-PA key '" + alias + "' failed", e);
        }
    }
}
