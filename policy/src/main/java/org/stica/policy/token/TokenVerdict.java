package org.stica.policy.token;

import java.security.cert.X509Certificate;
import java.time.Instant;

/** A token that passed every check of STANDARDS.md §3.5, with what the caller must record. */
public record TokenVerdict(String jti, Instant expires, boolean ca, FingerprintForm fingerprintForm,
                           X509Certificate signer) {
}
