package org.stica.acme.jws;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.stica.acme.problem.AcmeProblem;

/**
 * RFC 8555 §6.2: the body is a flattened JWS JSON serialization (RFC 7515 §7.2.2) with exactly
 * {@code protected}, {@code payload} and {@code signature}: no unprotected {@code header}, no
 * general-form {@code signatures}, no other members; each strict base64url (RFC 7515 §2: no
 * padding, no other characters).
 */
public final class FlattenedJwsCheck {
    private static final Set<String> MEMBERS = Set.of("protected", "payload", "signature");

    public FlattenedJws parse(byte[] body) {
        JsonObject json = parseObject(body);
        if (json.containsKey("signatures")) {
            throw AcmeProblem.malformed("JWS must use the flattened JSON serialization with one"
                    + " signature (no 'signatures')");
        }
        if (json.containsKey("header")) {
            throw AcmeProblem.malformed("JWS must not carry an unprotected 'header'");
        }
        if (!json.fieldNames().equals(MEMBERS)) {
            throw AcmeProblem.malformed("JWS must have exactly the members protected, payload"
                    + " and signature");
        }
        String protectedHeader = member(json, "protected");
        String payload = member(json, "payload");
        String signature = member(json, "signature");
        if (protectedHeader.isEmpty() || signature.isEmpty()) {
            throw AcmeProblem.malformed("JWS protected header and signature must not be empty");
        }
        return new FlattenedJws(protectedHeader, payload, signature);
    }

    /** True when {@code value} is unpadded base64url that decodes cleanly (length mod 4 ≠ 1). */
    public static boolean isStrictBase64Url(String value) {
        if (value.length() % 4 == 1) {
            return false;
        }
        // a loop, not a regex: this runs on every member of every signed request
        for (int i = 0; i < value.length(); i++) {
            if (!isBase64UrlChar(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBase64UrlChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_';
    }

    private static JsonObject parseObject(byte[] body) {
        try {
            return new JsonObject(new String(body, StandardCharsets.UTF_8));
        } catch (DecodeException | ClassCastException | NullPointerException e) {
            throw AcmeProblem.malformed("request body is not a JSON object");
        }
    }

    private static String member(JsonObject json, String name) {
        Object value = json.getValue(name);
        if (!(value instanceof String text)) {
            throw AcmeProblem.malformed("JWS member '" + name + "' must be a string");
        }
        if (!isStrictBase64Url(text)) {
            throw AcmeProblem.malformed("JWS member '" + name + "' is not unpadded base64url");
        }
        return text;
    }
}
