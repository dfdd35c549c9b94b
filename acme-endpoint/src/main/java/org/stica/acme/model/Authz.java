package org.stica.acme.model;

import java.time.Instant;
import java.util.Optional;

/**
 * An authorization (RFC 8555 §7.1.4) for one TNAuthList identifier. Once its tkauth-01 challenge
 * is valid it records the SPC token's {@code exp} and {@code atc.ca} (RFC 9447 §7, RFC 9448 §6).
 */
public record Authz(String id, String orderId, String accountId, AuthzStatus status,
                    Instant expires, String identifierValue, byte[] identifierDer,
                    Optional<Instant> tokenExpires, boolean tokenCa) {

    public Authz {
        identifierDer = identifierDer.clone();
    }

    @Override
    public byte[] identifierDer() {
        return identifierDer.clone();
    }

    /** The status as of {@code now}: pending or valid past its expiry is expired. */
    public AuthzStatus statusAt(Instant now) {
        boolean live = status == AuthzStatus.PENDING || status == AuthzStatus.VALID;
        return live && !now.isBefore(expires) ? AuthzStatus.EXPIRED : status;
    }
}
