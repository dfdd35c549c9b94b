package org.stica.policy.token;

import java.security.cert.X509Certificate;
import java.util.List;

/** The trusted STI-PA roots that SPC token signers must chain to (RFC 9448 §6 step 2). */
public record PaTrustAnchors(List<X509Certificate> roots) {
    public PaTrustAnchors {
        roots = List.copyOf(roots);
    }
}
