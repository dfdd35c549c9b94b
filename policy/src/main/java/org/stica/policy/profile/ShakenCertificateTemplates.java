package org.stica.policy.profile;

import org.bouncycastle.cert.X509v3CertificateBuilder;

/**
 * Builds certificates by construction to the SHAKEN profiles (ATIS-1000080 §6.4.1; STANDARDS.md
 * §1.1-§1.3, §6.2). The caller signs the builder through the signer pool; {@link ShakenLint}
 * checks the result before the real signature.
 */
public final class ShakenCertificateTemplates {
    private ShakenCertificateTemplates() {
    }

    /** SHAKEN end entity: C/O/CN "SHAKEN &lt;SPC&gt;", TNAuthList, CP, CRLDP+cRLIssuer, AKI/SKI, KU, BC. */
    public static X509v3CertificateBuilder endEntity(EndEntitySpec spec) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Self-signed SHAKEN root: BC cA, KU keyCertSign (+cRLSign), SKI; no CP, CRLDP or TNAuthList. */
    public static X509v3CertificateBuilder root(CaSpec spec) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** SHAKEN intermediate: BC cA pathLen 0, KU keyCertSign, SKI/AKI, CP, CRLDP+cRLIssuer. */
    public static X509v3CertificateBuilder intermediate(CaSpec spec) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** CRL signer under the root: BC cA false, KU cRLSign+digitalSignature, SKI/AKI. */
    public static X509v3CertificateBuilder crlSigner(CaSpec spec) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
