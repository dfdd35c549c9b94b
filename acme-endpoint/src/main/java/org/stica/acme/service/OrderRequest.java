package org.stica.acme.service;

import java.time.Instant;
import java.util.Optional;
import org.stica.policy.rcd.ConstraintsIdentifier;

/**
 * A checked newOrder payload: the TNAuthList identifier as sent, its DER, the single SPC it holds,
 * the requested validity bounds (RFC 9448 §3, RFC 8555 §7.4), and the JWTClaimConstraints
 * identifier of an RCD order, if it has one (RCD.md §6, §8 item 1).
 */
public record OrderRequest(String identifierValue, byte[] identifierDer, String spc,
                           Optional<Instant> notBefore, Optional<Instant> notAfter,
                           Optional<ConstraintsIdentifier> claims) {
    public OrderRequest {
        identifierDer = identifierDer.clone();
    }

    /** An order for the TNAuthList identifier alone. */
    public OrderRequest(String identifierValue, byte[] identifierDer, String spc,
                        Optional<Instant> notBefore, Optional<Instant> notAfter) {
        this(identifierValue, identifierDer, spc, notBefore, notAfter, Optional.empty());
    }

    @Override
    public byte[] identifierDer() {
        return identifierDer.clone();
    }
}
