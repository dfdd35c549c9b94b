package org.stica.policy.token;

import java.security.PublicKey;

/**
 * What the order being authorized requires of an SPC token: the authorization identifier's DER
 * TNAuthList, the requesting ACME account's public key, and whether a CA (SCA) certificate is
 * being authorized ({@code atc.ca}).
 */
public record TokenExpectations(byte[] identifierDer, PublicKey accountKey, boolean ca) {
    public TokenExpectations {
        identifierDer = identifierDer.clone();
    }
}
