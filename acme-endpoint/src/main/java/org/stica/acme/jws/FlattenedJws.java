package org.stica.acme.jws;

/** The three base64url members of a flattened JWS JSON serialization (RFC 7515 §7.2.2). */
public record FlattenedJws(String protectedHeader, String payload, String signature) {
}
