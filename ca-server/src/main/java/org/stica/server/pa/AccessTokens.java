package org.stica.server.pa;

/**
 * Access tokens of the iconectiv-compatible login (STANDARDS.md §4.1 item 2): {@value #PREFIX}
 * and 256 random bits in base64url, shown once in the login response and sent back raw in
 * {@code Authorization}. Only their SHA-256 is stored ({@link ApiKeys#hash}: the token is
 * high-entropy, so a plain hash suffices), so every instance sharing the database can check
 * them. The prefix tells an access token from an SP's API key, whose base64url has no dot.
 */
public final class AccessTokens {
    /** What every access token starts with. */
    public static final String PREFIX = "at.";

    private AccessTokens() {
    }

    /** A fresh access token. */
    public static String generate() {
        return PREFIX + ApiKeys.generate();
    }

    /** Whether {@code credential} (an {@code Authorization} value) is an access token. */
    public static boolean isAccessToken(String credential) {
        return credential != null && credential.startsWith(PREFIX);
    }
}
