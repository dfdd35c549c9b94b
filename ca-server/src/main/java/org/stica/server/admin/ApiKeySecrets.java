package org.stica.server.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * API key secrets: {@code stica_} + base64url of 256 random bits, shown once at creation; only
 * their SHA-256 is stored (a fast hash is enough for a full-entropy secret) and looked up.
 */
public final class ApiKeySecrets {
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeySecrets() {
    }

    /** A new random secret. */
    public static String newSecret() {
        return "stica_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(32));
    }

    /** A new public key id, e.g. {@code k-3f9c0a1b2d4e5f60}. */
    public static String newId(String prefix) {
        return prefix + HexFormat.of().formatHex(bytes(8));
    }

    /** Lowercase hex SHA-256 of the presented secret. */
    public static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static byte[] bytes(int n) {
        byte[] out = new byte[n];
        RANDOM.nextBytes(out);
        return out;
    }
}
