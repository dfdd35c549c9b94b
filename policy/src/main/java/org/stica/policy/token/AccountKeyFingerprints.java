package org.stica.policy.token;

import java.security.PublicKey;

/**
 * The two fingerprint forms of an ACME account key written {@code "SHA256 AA:BB:..."}
 * (STANDARDS.md §0 trap 3, §7.4 vectors).
 */
public final class AccountKeyFingerprints {
    private AccountKeyFingerprints() {
    }

    /** SHA-256 over the RFC 7638 JWK thumbprint input (RFC 9448 §5.4). */
    public static String jwkThumbprintForm(PublicKey key) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** SHA-256 over the SubjectPublicKeyInfo DER (field practice). */
    public static String spkiForm(PublicKey key) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
