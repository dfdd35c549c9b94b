package org.stica.server.issuance;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.stica.policy.profile.CrlDistribution;
import org.stica.policy.profile.ScaLint;
import org.stica.policy.profile.ShakenLint;
import org.stica.policy.profile.SubscriberName;
import org.stica.policy.profile.TemplatePreview;

/**
 * Lints a certificate before the real signature (ARCHITECTURE.md §2 step 6; ATIS-1000080
 * §6.4.1): builds the template with a placeholder signature ({@link TemplatePreview}: same
 * algorithm identifier, so the same TBSCertificate; no key, no signing cost), runs
 * {@link ShakenLint} and refuses on any finding. The lint reads the TBSCertificate and the signature algorithm, never the signature
 * value. Returns the SHA-256 of the linted TBSCertificate so the real certificate can be checked
 * against it.
 */
final class PreIssuanceLint {
    /**
     * Throws {@link org.stica.policy.PolicyException} (PROFILE_LINT_FAILED) on any finding,
     * including a subject that does not name {@code subscriber} exactly (O present and the
     * subscriber's; issue 15, ATIS-1000080 §6.4.1) and a CRLDP that is not exactly
     * {@code ecosystem}'s CRL (issue 20).
     */
    byte[] lint(X509v3CertificateBuilder builder, X509Certificate issuer,
                SubscriberName subscriber, String spc, CrlDistribution ecosystem) {
        X509CertificateHolder preview = TemplatePreview.of(builder);
        ShakenLint.requireClean(withSubject(ShakenLint.lintEndEntity(preview, issuer, ecosystem),
                preview, subscriber, spc));
        return tbsSha256(preview);
    }

    /** As {@link #lint} for the {@code shaken-sca} profile ({@link ScaLint}, RFC 9060 §4). */
    byte[] lintSca(X509v3CertificateBuilder builder, X509Certificate issuer,
                   SubscriberName subscriber, String spc, CrlDistribution ecosystem) {
        X509CertificateHolder preview = TemplatePreview.of(builder);
        ShakenLint.requireClean(withSubject(ScaLint.lint(preview, issuer, ecosystem), preview,
                subscriber, spc));
        return tbsSha256(preview);
    }

    /**
     * As {@link #lint} for the RCD delegate end entity ({@link ShakenLint#lintRcdDelegate}, RCD.md
     * §8 items 2, 5, 7, 9): TNAuthList plus exactly one of id-pe 27/33, byte for byte
     * {@code claimsDer}, the order's JWTClaimConstraints identifier.
     */
    byte[] lintRcdDelegate(X509v3CertificateBuilder builder, X509Certificate issuer,
                           SubscriberName subscriber, String spc, CrlDistribution ecosystem,
                           byte[] claimsDer) {
        X509CertificateHolder preview = TemplatePreview.of(builder);
        ShakenLint.requireClean(withSubject(ShakenLint.lintRcdDelegate(preview, issuer,
                ecosystem, claimsDer), preview, subscriber, spc));
        return tbsSha256(preview);
    }

    private static List<String> withSubject(List<String> findings, X509CertificateHolder preview,
                                            SubscriberName subscriber, String spc) {
        List<String> all = new ArrayList<>(findings);
        all.addAll(subscriber.lint(preview.getSubject(), spc));
        return all;
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
}
