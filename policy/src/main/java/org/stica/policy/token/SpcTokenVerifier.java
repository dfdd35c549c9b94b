package org.stica.policy.token;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Fail-closed SPC token verification (RFC 9448 §6 steps 2-9, STANDARDS.md §3.5 steps 4-10), in
 * order: signer (first x5u certificate) chains to a trusted STI-PA root and is valid now;
 * ES256 signature; {@code exp}/{@code nbf} with skew; {@code tktype}; {@code tkvalue} DER equals
 * the identifier; fingerprint equals the account key (JWK-thumbprint or SPKI form); {@code ca}
 * flag. Replay ({@code jti}) is the caller's next step through {@link TokenReplayGuard}.
 */
public final class SpcTokenVerifier {

    public SpcTokenVerifier(Supplier<PaTrustAnchors> trust, Clock clock, Duration skew) {
    }

    /** Returns the verdict or throws {@link org.stica.policy.PolicyException}. */
    public TokenVerdict verify(SpcToken token, List<X509Certificate> x5uChain,
                               TokenExpectations expected) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
