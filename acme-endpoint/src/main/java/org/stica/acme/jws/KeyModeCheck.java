package org.stica.acme.jws;

import org.stica.acme.problem.AcmeProblem;

/**
 * RFC 8555 §6.2: {@code jwk} only on newAccount and on revokeCert signed with the certificate key;
 * {@code kid} on every other resource (and never on newAccount). A wrong choice → malformed.
 */
public final class KeyModeCheck {

    public void check(ProtectedHeader header, KeyMode mode) {
        if (mode == KeyMode.JWK && header.jwk().isEmpty()) {
            throw AcmeProblem.malformed("this resource requires a 'jwk' in the JWS header");
        }
        if (mode == KeyMode.KID && header.kid().isEmpty()) {
            throw AcmeProblem.malformed("this resource requires a 'kid' (account URL) in the"
                    + " JWS header");
        }
    }
}
