package org.stica.acme.model;

import java.time.Instant;
import java.util.Optional;

/**
 * An ACME order (RFC 8555 §7.1.3) for one TNAuthList identifier (RFC 9448 §3): the identifier
 * string as the client sent it, its DER and the single SPC it holds. {@code errorJson} is the
 * stored problem document; {@code x5u} is the public STI-CR URL (RFC 9448 §7).
 */
public record Order(String id, String accountId, OrderStatus status, Instant expires,
                    String identifierValue, byte[] identifierDer, String spc,
                    Optional<Instant> notBefore, Optional<Instant> notAfter,
                    Optional<String> errorJson, Optional<String> certificateId,
                    Optional<String> x5u) {

    public Order {
        identifierDer = identifierDer.clone();
    }

    @Override
    public byte[] identifierDer() {
        return identifierDer.clone();
    }

    /** The status as of {@code now}: a pending or ready order past its expiry is invalid. */
    public OrderStatus statusAt(Instant now) {
        boolean open = status == OrderStatus.PENDING || status == OrderStatus.READY;
        return open && !now.isBefore(expires) ? OrderStatus.INVALID : status;
    }
}
