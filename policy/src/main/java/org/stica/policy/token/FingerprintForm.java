package org.stica.policy.token;

/**
 * Which digest an {@code atc.fingerprint} matched (STANDARDS.md §0 trap 3): SHA-256 over the
 * RFC 7638 JWK thumbprint input (RFC 9448 §5.4), or SHA-256 over the account key's SPKI DER
 * (field practice). Audit-logged.
 */
public enum FingerprintForm {
    JWK_THUMBPRINT, SPKI
}
