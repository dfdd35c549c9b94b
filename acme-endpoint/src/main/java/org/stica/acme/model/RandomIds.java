package org.stica.acme.model;

import java.security.SecureRandom;
import java.util.Base64;

/** Random 128-bit base64url identifiers for resources, nonces and challenge tokens (§8.1). */
public final class RandomIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private RandomIds() {
    }

    /** 16 random bytes, base64url without padding (22 characters). */
    public static String next() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }
}
