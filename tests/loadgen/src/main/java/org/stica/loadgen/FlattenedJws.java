package org.stica.loadgen;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The flattened JWS JSON serialization ACME requests use (RFC 8555 §6.2, RFC 7515 §7.2.2),
 * written by hand: {@code {"protected":B64(header),"payload":B64(payload),"signature":B64(sig)}}
 * where the signature covers {@code B64(header) "." B64(payload)} (RFC 7515 §5.1).
 *
 * <p>Why by hand: a generic JOSE library builds header objects, parses them back and
 * re-encodes Base64URL on every request; here the payload of a request is encoded once by the
 * caller ({@link #payload}) and the protected header is a few string appends.
 */
final class FlattenedJws {
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    /** The payload of a POST-as-GET (RFC 8555 §6.3): empty. */
    static final String EMPTY_PAYLOAD = "";

    private FlattenedJws() {
    }

    /** BASE64URL(UTF8(JSON)) of a request payload, to compute once and sign many times. */
    static String payload(JsonObject json) {
        return json == null ? EMPTY_PAYLOAD : base64url(json.encode().getBytes(StandardCharsets.UTF_8));
    }

    static String base64url(byte[] bytes) {
        return new String(B64URL.encode(bytes), StandardCharsets.ISO_8859_1);
    }

    /**
     * The protected header of an ACME request: {@code alg}, then exactly one of {@code jwk} (a
     * JSON object, verbatim) or {@code kid}, then {@code nonce} and {@code url} (RFC 8555 §6.2).
     */
    static String protectedHeader(String jwkJson, String kid, String nonce, String url) {
        StringBuilder h = new StringBuilder(160 + url.length() + (kid == null ? jwkJson.length() : kid.length()))
                .append("{\"alg\":\"ES256\",");
        if (kid == null) {
            h.append("\"jwk\":").append(jwkJson);
        } else {
            string(h.append("\"kid\":"), kid);
        }
        string(h.append(",\"nonce\":"), nonce);
        string(h.append(",\"url\":"), url);
        return h.append('}').toString();
    }

    /** Signs {@code B64(header) "." payloadB64} with ES256 and answers the request body. */
    static Buffer sign(String protectedHeader, String payloadB64, Es256Signer signer) {
        byte[] header = B64URL.encode(protectedHeader.getBytes(StandardCharsets.UTF_8));
        byte[] payload = payloadB64.getBytes(StandardCharsets.ISO_8859_1); // Base64URL: ASCII
        byte[] input = new byte[header.length + 1 + payload.length];
        System.arraycopy(header, 0, input, 0, header.length);
        input[header.length] = '.';
        System.arraycopy(payload, 0, input, header.length + 1, payload.length);
        byte[] signature = B64URL.encode(signer.sign(input, input.length));
        Buffer body = Buffer.buffer(input.length + signature.length + 48);
        body.appendString("{\"protected\":\"").appendBytes(header)
                .appendString("\",\"payload\":\"").appendBytes(payload)
                .appendString("\",\"signature\":\"").appendBytes(signature).appendString("\"}");
        return body;
    }

    /** Appends {@code s} as a JSON string (RFC 8259 §7). */
    static StringBuilder string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }
}
