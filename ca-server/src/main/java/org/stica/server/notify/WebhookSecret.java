package org.stica.server.notify;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Generates webhook signing secrets: {@code whsec_} and 32 random bytes in base64url (256 bits).
 * The HMAC key is the secret's text as shown (its ASCII bytes), so a carrier can use it directly
 * with {@code openssl dgst -hmac}.
 */
public final class WebhookSecret {
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSecret() {
    }

    public static String generate() {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
