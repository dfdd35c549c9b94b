package org.stica.acme.model;

import java.time.Instant;
import java.util.Optional;
import org.stica.policy.token.TokenType;

/**
 * An authorization (RFC 8555 §7.1.4) for one identifier: TNAuthList (RFC 9448 §3), or the
 * JWTClaimConstraints identifier an RCD order adds (RCD.md §6); {@code identifierType} says which
 * authority token its tkauth-01 challenge accepts. Once the challenge is valid it records the
 * token's {@code exp} and {@code atc.ca} (RFC 9447 §7, RFC 9448 §6).
 */
public record Authz(String id, String orderId, String accountId, AuthzStatus status,
                    Instant expires, String identifierValue, byte[] identifierDer,
                    Optional<Instant> tokenExpires, boolean tokenCa, TokenType identifierType) {

    public Authz {
        identifierDer = identifierDer.clone();
        java.util.Objects.requireNonNull(identifierType, "identifierType");
    }

    /** An authorization for a TNAuthList identifier. */
    public Authz(String id, String orderId, String accountId, AuthzStatus status,
                 Instant expires, String identifierValue, byte[] identifierDer,
                 Optional<Instant> tokenExpires, boolean tokenCa) {
        this(id, orderId, accountId, status, expires, identifierValue, identifierDer,
                tokenExpires, tokenCa, TokenType.TN_AUTH_LIST);
    }

    @Override
    public byte[] identifierDer() {
        return identifierDer.clone();
    }

    /** This authorization made valid by a token with {@code exp} and {@code atc.ca}. */
    public Authz valid(Instant tokenExp, boolean tokenAtcCa) {
        return new Authz(id, orderId, accountId, AuthzStatus.VALID, expires, identifierValue,
                identifierDer, Optional.of(tokenExp), tokenAtcCa, identifierType);
    }

    /** The status as of {@code now}: pending or valid past its expiry is expired. */
    public AuthzStatus statusAt(Instant now) {
        boolean live = status == AuthzStatus.PENDING || status == AuthzStatus.VALID;
        return live && !now.isBefore(expires) ? AuthzStatus.EXPIRED : status;
    }
}
