package org.stica.acme.jws;

/**
 * Which key reference a resource accepts (RFC 8555 §6.2): {@code jwk} only for newAccount,
 * either for revokeCert (account {@code kid} or the certificate's own {@code jwk}), {@code kid}
 * everywhere else.
 */
public enum KeyMode {
    JWK, KID, JWK_OR_KID
}
