package org.stica.policy.csr;

/**
 * Finalize-time CSR rules for TNAuthList orders (STANDARDS.md §3.6; RFC 8555 §7.4; RFC 9448 §6
 * step 9): PKCS#10 parses, its signature verifies (ecdsa-with-SHA256), the key is EC P-256
 * ({@code CSR_BAD_PUBLIC_KEY} otherwise), the extensionRequest holds a TNAuthList whose DER equals
 * the order's, and a BasicConstraints, when present, has cA equal to {@code expectCa}. Other
 * requested extensions and the subject are ignored (the CA builds from its profile).
 */
public final class CsrPolicy {

    public CheckedCsr check(byte[] csrDer, byte[] orderTnAuthListDer, boolean expectCa) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
