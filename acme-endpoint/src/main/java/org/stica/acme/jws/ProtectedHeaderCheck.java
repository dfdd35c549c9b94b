package org.stica.acme.jws;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.stica.acme.problem.AcmeProblem;

/**
 * RFC 8555 §6.2: the protected header is a JSON object holding {@code alg}, {@code nonce},
 * {@code url} and exactly one of {@code jwk} / {@code kid}; RFC 7797 unencoded payloads
 * ({@code b64}) and {@code crit} extensions are refused.
 */
public final class ProtectedHeaderCheck {

    public ProtectedHeader parse(String protectedB64) {
        JsonObject json = decode(protectedB64);
        String alg = requiredString(json, "alg");
        String nonce = requiredString(json, "nonce");
        String url = requiredString(json, "url");
        if (json.containsKey("b64") || json.containsKey("crit")) {
            throw AcmeProblem.malformed("JWS header parameters 'b64' and 'crit' are not"
                    + " supported");
        }
        boolean hasJwk = json.containsKey("jwk");
        boolean hasKid = json.containsKey("kid");
        if (hasJwk == hasKid) {
            throw AcmeProblem.malformed("JWS protected header must hold exactly one of jwk"
                    + " and kid");
        }
        if (hasJwk && !(json.getValue("jwk") instanceof JsonObject)) {
            throw AcmeProblem.malformed("JWS header 'jwk' must be a JSON object");
        }
        return new ProtectedHeader(alg, nonce, url,
                hasJwk ? Optional.of(json.getJsonObject("jwk").getMap()) : Optional.empty(),
                hasKid ? Optional.of(requiredString(json, "kid")) : Optional.empty());
    }

    private static JsonObject decode(String protectedB64) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(protectedB64);
            return new JsonObject(new String(bytes, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | DecodeException | ClassCastException
                 | NullPointerException e) {
            throw AcmeProblem.malformed("JWS protected header is not a base64url JSON object");
        }
    }

    private static String requiredString(JsonObject json, String name) {
        Object value = json.getValue(name);
        if (!(value instanceof String text) || text.isEmpty()) {
            throw AcmeProblem.malformed("JWS protected header must hold a string '" + name + "'");
        }
        return text;
    }
}
