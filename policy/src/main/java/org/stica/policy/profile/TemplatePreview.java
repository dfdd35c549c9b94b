package org.stica.policy.profile;

import java.io.OutputStream;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;

/**
 * A certificate template built with a placeholder signature so the lint can read it before the
 * real signature (ARCHITECTURE.md §2 step 6): the algorithm identifier is ecdsa-with-SHA256, as
 * the real signature's, so the TBSCertificate is the one the key will sign; no key is used and
 * the signature value is a well-formed ECDSA-Sig-Value made by no key. Lints read the
 * TBSCertificate and the algorithm, never the signature value.
 */
public final class TemplatePreview {
    /** DER ECDSA-Sig-Value {r = 1, s = 1}. */
    private static final byte[] PLACEHOLDER_SIGNATURE = {0x30, 0x06, 0x02, 0x01, 0x01, 0x02,
        0x01, 0x01};
    private static final AlgorithmIdentifier ECDSA_WITH_SHA256 =
            new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withECDSA");

    private TemplatePreview() {
    }

    /** The template as a certificate with the placeholder signature. */
    public static X509CertificateHolder of(X509v3CertificateBuilder template) {
        return template.build(PLACEHOLDER);
    }

    /** Writes the TBSCertificate nowhere and answers the placeholder signature. */
    private static final ContentSigner PLACEHOLDER = new ContentSigner() {
        @Override
        public AlgorithmIdentifier getAlgorithmIdentifier() {
            return ECDSA_WITH_SHA256;
        }

        @Override
        public OutputStream getOutputStream() {
            return OutputStream.nullOutputStream();
        }

        @Override
        public byte[] getSignature() {
            return PLACEHOLDER_SIGNATURE.clone();
        }
    };
}
