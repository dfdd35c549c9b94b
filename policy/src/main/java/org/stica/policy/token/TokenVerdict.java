package org.stica.policy.token;

import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * A token that passed every check of STANDARDS.md §3.5, with what the caller must record.
 * {@code outcomeRecorded}: the caller's challenge outcome was recorded by the statement that
 * claimed the token's {@code jti} (issue 18); false, the caller records it.
 */
public record TokenVerdict(String jti, Instant expires, boolean ca, FingerprintForm fingerprintForm,
                           X509Certificate signer, boolean outcomeRecorded) {

    /** A verdict whose outcome the caller records. */
    public TokenVerdict(String jti, Instant expires, boolean ca, FingerprintForm fingerprintForm,
                        X509Certificate signer) {
        this(jti, expires, ca, fingerprintForm, signer, false);
    }

    /** This verdict, saying whether its outcome was recorded with the jti claim. */
    public TokenVerdict outcomeRecorded(boolean recorded) {
        return new TokenVerdict(jti, expires, ca, fingerprintForm, signer, recorded);
    }
}
