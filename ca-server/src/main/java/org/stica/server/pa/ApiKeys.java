package org.stica.server.pa;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Service provider API keys (the credential of the SPC token API, STANDARDS.md §4.1 item 3):
 * 256 random bits, base64url, shown once at creation; only their SHA-256 is stored (the key is
 * high-entropy, so a plain hash suffices) and compared in constant time.
 */
public final class ApiKeys {
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {
    }

    /** A fresh API key. */
    public static String generate() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }

    /** The stored form: lowercase hex SHA-256 of the key's UTF-8 bytes. */
    public static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** Whether {@code presented} hashes to {@code storedHash} (constant time). */
    public static boolean matches(String presented, String storedHash) {
        return MessageDigest.isEqual(hash(presented).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
