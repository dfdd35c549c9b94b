package org.stica.policy.token;

/**
 * Parses an SPC token (STANDARDS.md §3.5 steps 1-2, 6, 8): exactly three segments, JSON header
 * and payload, {@code alg} exactly ES256, {@code x5u} present, claims {@code exp}, {@code jti},
 * {@code atc} with {@code tktype}, {@code tkvalue}, {@code fingerprint}. Fails with a
 * {@link org.stica.policy.PolicyException}.
 */
public final class SpcTokenParser {

    public SpcToken parse(String compact) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
