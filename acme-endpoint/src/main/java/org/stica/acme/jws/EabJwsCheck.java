package org.stica.acme.jws;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.text.ParseException;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.stica.acme.problem.AcmeProblem;

/**
 * The {@code externalAccountBinding} of a newAccount request (RFC 8555 §7.3.4): a flattened JWS
 * whose protected header holds {@code alg} HS256/HS384/HS512, the EAB {@code kid} and the
 * newAccount {@code url}, and no {@code nonce}; whose payload is the outer JWS's {@code jwk}. The
 * MAC is verified with the JDK's HMAC and compared in constant time.
 */
public final class EabJwsCheck {
    private static final Map<String, String> MACS =
            Map.of("HS256", "HmacSHA256", "HS384", "HmacSHA384", "HS512", "HmacSHA512");

    private final FlattenedJwsCheck flattened = new FlattenedJwsCheck();

    /** The parsed binding: its EAB key id and what must be MAC-verified. */
    public record Binding(String kid, String macAlgorithm, FlattenedJws jws) {
    }

    /** Checks the binding's shape, header and payload; the MAC is checked by {@link #verify}. */
    public Binding parse(Object value, String newAccountUrl, JWK accountKey) {
        if (!(value instanceof JsonObject json)) {
            throw AcmeProblem.malformed("'externalAccountBinding' must be a flattened JWS object");
        }
        FlattenedJws jws = flattened.parse(json.encode().getBytes(StandardCharsets.UTF_8));
        JsonObject header = decodeObject(jws.protectedHeader(), "protected header");
        String mac = MACS.get(header.getValue("alg") instanceof String a ? a : "");
        if (mac == null) {
            throw AcmeProblem.malformed("externalAccountBinding alg must be HS256, HS384 or"
                    + " HS512");
        }
        if (header.containsKey("nonce") || header.containsKey("jwk")) {
            throw AcmeProblem.malformed("externalAccountBinding must not carry a nonce or jwk");
        }
        if (!(header.getValue("kid") instanceof String kid) || kid.isEmpty()) {
            throw AcmeProblem.malformed("externalAccountBinding needs the EAB key id as 'kid'");
        }
        if (!newAccountUrl.equals(header.getValue("url"))) {
            throw AcmeProblem.unauthorized("externalAccountBinding url must be the newAccount"
                    + " URL");
        }
        if (!sameKey(decodeObject(jws.payload(), "payload"), accountKey)) {
            throw AcmeProblem.unauthorized("externalAccountBinding payload is not the account"
                    + " key");
        }
        return new Binding(kid, mac, jws);
    }

    /** Verifies the MAC with the EAB key's secret; a mismatch → unauthorized. */
    public void verify(Binding binding, byte[] hmacKey) {
        byte[] input = (binding.jws().protectedHeader() + "." + binding.jws().payload())
                .getBytes(StandardCharsets.US_ASCII);
        byte[] expected;
        try {
            Mac mac = Mac.getInstance(binding.macAlgorithm());
            mac.init(new SecretKeySpec(hmacKey, binding.macAlgorithm()));
            expected = mac.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC unavailable", e);
        }
        byte[] actual = Base64.getUrlDecoder().decode(binding.jws().signature());
        if (!MessageDigest.isEqual(expected, actual)) {
            throw AcmeProblem.unauthorized("externalAccountBinding MAC does not verify");
        }
    }

    private static boolean sameKey(JsonObject payload, JWK accountKey) {
        try {
            JWK bound = JWK.parse(payload.getMap());
            return bound.computeThumbprint().equals(accountKey.computeThumbprint());
        } catch (ParseException | JOSEException | RuntimeException e) {
            throw AcmeProblem.malformed("externalAccountBinding payload is not a JWK");
        }
    }

    private static JsonObject decodeObject(String b64, String what) {
        try {
            return new JsonObject(new String(Base64.getUrlDecoder().decode(b64),
                    StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
            throw AcmeProblem.malformed("externalAccountBinding " + what + " is not base64url"
                    + " JSON");
        }
    }
}
