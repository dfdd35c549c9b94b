package org.stica.policy.profile;

import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The profile lint (ATIS-1000080 §6.4.1 / zlint SHAKEN lints, STANDARDS.md §1.1): run on a
 * certificate signed by a throw-away key before the real signature; any finding blocks issuance.
 */
public final class ShakenLint {
    private ShakenLint() {
    }

    /** Findings for an end-entity certificate; empty means it passes. */
    public static List<String> lintEndEntity(X509CertificateHolder cert, X509Certificate issuer) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Throws {@link org.stica.policy.PolicyException} (PROFILE_LINT_FAILED) listing the findings. */
    public static void requireClean(List<String> findings) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
