package org.stica.hsm;

import java.math.BigInteger;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates for vault tests, signed with a vault's own key through its provider. */
final class TestCertificates {
    private static final Instant NOT_BEFORE = Instant.parse("2026-01-01T00:00:00Z");

    private TestCertificates() {
    }

    /** A self-signed certificate for the (possibly pending) key {@code alias}. */
    static X509Certificate selfSigned(KeyVault vault, String alias, PublicKey publicKey)
            throws Exception {
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA")
                .setProvider(vault.provider()).build(vault.privateKey(alias));
        return build(signer, "CN=" + alias, "CN=" + alias, publicKey);
    }

    /** A certificate for {@code subjectKey} issued with {@code signer}. */
    static X509Certificate build(ContentSigner signer, String issuer, String subject,
                                 PublicKey subjectKey) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                new X500Name(issuer), BigInteger.valueOf(System.nanoTime()),
                Date.from(NOT_BEFORE), Date.from(NOT_BEFORE.plus(Duration.ofDays(365))),
                new X500Name(subject), subjectKey).build(signer));
    }
}
