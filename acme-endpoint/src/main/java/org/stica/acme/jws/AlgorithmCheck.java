package org.stica.acme.jws;

import org.stica.acme.problem.AcmeProblem;

/**
 * RFC 8555 §6.2: {@code alg} must be on the allow-list ({@link JwsAlgorithm}); {@code none}, MACs
 * (HS*) and anything else → badSignatureAlgorithm listing the supported {@code algorithms}.
 */
public final class AlgorithmCheck {

    public JwsAlgorithm check(String alg) {
        return JwsAlgorithm.fromJose(alg).orElseThrow(() -> AcmeProblem.badSignatureAlgorithm(
                "JWS algorithm '" + alg + "' is not supported", JwsAlgorithm.supported()));
    }
}
