package org.stica.policy.profile;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * Certificate serials (STANDARDS.md §1.1.2): 16 CSPRNG bytes, top bit cleared, redrawn when
 * {@code bitLength() < 64}; positive and at most 20 octets (RFC 5280 §4.1.2.2).
 */
public final class SerialNumbers {
    private SerialNumbers() {
    }

    public static BigInteger random(SecureRandom random) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
