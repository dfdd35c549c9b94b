package org.stica.acme.jws;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The JWS algorithms accepted on ACME requests (RFC 8555 §6.2: ES256 required, EdDSA recommended;
 * RS256 for RSA keys of at least 2048 bits). {@code none} and MACs are never accepted.
 */
public enum JwsAlgorithm {
    ES256("ES256"), ES384("ES384"), EDDSA("EdDSA"), RS256("RS256");

    private final String jose;

    JwsAlgorithm(String jose) {
        this.jose = jose;
    }

    /** The {@code alg} header value. */
    public String jose() {
        return jose;
    }

    public static Optional<JwsAlgorithm> fromJose(String alg) {
        return Arrays.stream(values()).filter(a -> a.jose.equals(alg)).findFirst();
    }

    /** The {@code algorithms} list of a badSignatureAlgorithm problem. */
    public static List<String> supported() {
        return Arrays.stream(values()).map(JwsAlgorithm::jose).toList();
    }
}
