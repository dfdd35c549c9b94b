package org.stica.acme.service;

import java.time.Instant;
import java.util.Optional;

/**
 * A checked newOrder payload: the TNAuthList identifier as sent, its DER, the single SPC it holds,
 * and the requested validity bounds (RFC 9448 §3, RFC 8555 §7.4).
 */
public record OrderRequest(String identifierValue, byte[] identifierDer, String spc,
                           Optional<Instant> notBefore, Optional<Instant> notAfter) {
    public OrderRequest {
        identifierDer = identifierDer.clone();
    }

    @Override
    public byte[] identifierDer() {
        return identifierDer.clone();
    }
}
