package org.stica.server.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** An immutable PEM body with its strong ETag (a quoted base64url SHA-256 of the body). */
public record PemResource(String body, String etag) {

    public static PemResource of(String pem) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(pem.getBytes(StandardCharsets.US_ASCII));
            return new PemResource(pem,
                    "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest) + "\"");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
