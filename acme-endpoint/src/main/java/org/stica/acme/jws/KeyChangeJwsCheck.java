package org.stica.acme.jws;

import com.nimbusds.jose.jwk.JWK;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.stica.acme.problem.AcmeProblem;

/**
 * The inner JWS of a keyChange request (RFC 8555 §7.3.5): a flattened JWS signed by the new key,
 * whose protected header holds an allowed {@code alg}, the new key as {@code jwk} (no
 * {@code kid}), no {@code nonce}, and the same {@code url} as the outer JWS; its payload is a
 * JSON object. Returns the verified new key and the payload.
 */
public final class KeyChangeJwsCheck {
    private final FlattenedJwsCheck flattened = new FlattenedJwsCheck();
    private final AlgorithmCheck algorithms = new AlgorithmCheck();
    private final JwkCheck jwks = new JwkCheck();
    private final SignatureCheck signatures = new SignatureCheck();

    /** The verified inner JWS: the new key and the {@code {"account","oldKey"}} payload. */
    public record Inner(JWK newKey, JsonObject payload) {
    }

    public Inner check(byte[] outerPayload, String outerUrl) {
        FlattenedJws jws = flattened.parse(outerPayload);
        JsonObject header = decode(jws.protectedHeader(), "protected header");
        if (header.containsKey("nonce") || header.containsKey("kid")) {
            throw AcmeProblem.malformed("the inner keyChange JWS must not carry nonce or kid");
        }
        if (!(header.getValue("jwk") instanceof JsonObject jwk)) {
            throw AcmeProblem.malformed("the inner keyChange JWS must carry the new key as jwk");
        }
        if (header.containsKey("b64") || header.containsKey("crit")) {
            throw AcmeProblem.malformed("JWS header parameters 'b64' and 'crit' are not"
                    + " supported");
        }
        if (!outerUrl.equals(header.getValue("url"))) {
            throw AcmeProblem.unauthorized("the inner keyChange JWS url must equal the outer"
                    + " url");
        }
        JwsAlgorithm alg = algorithms.check(header.getValue("alg") instanceof String a ? a : "");
        JWK newKey = jwks.parse(jwk.getMap());
        signatures.verify(jws, alg, newKey);
        return new Inner(newKey, decode(jws.payload(), "payload"));
    }

    private static JsonObject decode(String b64, String what) {
        try {
            return new JsonObject(new String(Base64.getUrlDecoder().decode(b64),
                    StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
            throw AcmeProblem.malformed("the inner keyChange JWS " + what
                    + " is not a base64url JSON object");
        }
    }
}
