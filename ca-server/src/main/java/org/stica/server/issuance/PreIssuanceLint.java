package org.stica.server.issuance;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.stica.policy.profile.ScaLint;
import org.stica.policy.profile.ShakenLint;

/**
 * Lints a certificate before the real signature (ARCHITECTURE.md §2 step 6; ATIS-1000080
 * §6.4.1): signs the template with a throw-away in-memory P-256 key (same algorithm, so the same
 * TBSCertificate), runs {@link ShakenLint} and refuses on any finding. Returns the SHA-256 of the
 * linted TBSCertificate so the real certificate can be checked against it.
 */
final class PreIssuanceLint {
    private final KeyPair throwAway;

    PreIssuanceLint() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            this.throwAway = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create the lint key", e);
        }
    }

    /** Throws {@link org.stica.policy.PolicyException} (PROFILE_LINT_FAILED) on any finding. */
    byte[] lint(X509v3CertificateBuilder builder, X509Certificate issuer) {
        X509CertificateHolder preview = builder.build(throwAwaySigner());
        ShakenLint.requireClean(ShakenLint.lintEndEntity(preview, issuer));
        return tbsSha256(preview);
    }

    /** As {@link #lint} for the {@code shaken-sca} profile ({@link ScaLint}, RFC 9060 §4). */
    byte[] lintSca(X509v3CertificateBuilder builder, X509Certificate issuer) {
        X509CertificateHolder preview = builder.build(throwAwaySigner());
        ShakenLint.requireClean(ScaLint.lint(preview, issuer));
        return tbsSha256(preview);
    }

    static byte[] tbsSha256(X509CertificateHolder certificate) {
        try {
            byte[] tbs = certificate.toASN1Structure().getTBSCertificate()
                    .getEncoded(ASN1Encoding.DER);
            return MessageDigest.getInstance("SHA-256").digest(tbs);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash the TBSCertificate", e);
        }
    }

    private ContentSigner throwAwaySigner() {
        try {
            return new JcaContentSignerBuilder("SHA256withECDSA").build(throwAway.getPrivate());
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot create the lint signer", e);
        }
    }
}
