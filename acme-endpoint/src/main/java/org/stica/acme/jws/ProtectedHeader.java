package org.stica.acme.jws;

import java.util.Map;
import java.util.Optional;

/**
 * The ACME members of a JWS protected header (RFC 8555 §6.2): {@code alg}, {@code nonce},
 * {@code url} and exactly one of {@code jwk} (raw JSON members) or {@code kid}.
 */
public record ProtectedHeader(String alg, String nonce, String url,
                              Optional<Map<String, Object>> jwk, Optional<String> kid) {
    public ProtectedHeader {
        jwk = jwk.map(Map::copyOf);
    }
}
