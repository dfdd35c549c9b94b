package org.stica.acme.port;

import java.security.PublicKey;

/**
 * A tkauth-01 challenge response to validate.
 *
 * @param token         the compact JWS from {@code atc} or {@code tkauth}
 * @param identifierDer the authorization identifier's DER TNAuthList
 * @param accountKey    the requesting account's current public key
 * @param expectCa      whether the order asks for a CA (SCA) certificate
 */
public record TokenValidationRequest(String token, byte[] identifierDer, PublicKey accountKey,
                                     String accountId, boolean expectCa) {
}
