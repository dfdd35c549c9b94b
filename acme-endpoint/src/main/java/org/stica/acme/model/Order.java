package org.stica.acme.model;

import java.time.Instant;
import java.util.Optional;

/**
 * An ACME order (RFC 8555 §7.1.3) for one TNAuthList identifier (RFC 9448 §3): the identifier
 * string as the client sent it, its DER and the single SPC it holds. {@code errorJson} is the
 * stored problem document; {@code x5u} is the public STI-CR URL (RFC 9448 §7); {@code profile}
 * the certificate profile (draft-ietf-acme-profiles) and {@code replaces} the ARI certID of the
 * certificate this order replaces (RFC 9773 §5).
 */
public record Order(String id, String accountId, OrderStatus status, Instant expires,
                    String identifierValue, byte[] identifierDer, String spc,
                    Optional<Instant> notBefore, Optional<Instant> notAfter,
                    Optional<String> errorJson, Optional<String> certificateId,
                    Optional<String> x5u, String profile, Optional<String> replaces) {

    /** The default profile's name. */
    public static final String DEFAULT_PROFILE = "shaken";

    public Order {
        identifierDer = identifierDer.clone();
    }

    /** An order under the default profile that replaces nothing. */
    public Order(String id, String accountId, OrderStatus status, Instant expires,
                 String identifierValue, byte[] identifierDer, String spc,
                 Optional<Instant> notBefore, Optional<Instant> notAfter,
                 Optional<String> errorJson, Optional<String> certificateId,
                 Optional<String> x5u) {
        this(id, accountId, status, expires, identifierValue, identifierDer, spc, notBefore,
                notAfter, errorJson, certificateId, x5u, DEFAULT_PROFILE, Optional.empty());
    }

    @Override
    public byte[] identifierDer() {
        return identifierDer.clone();
    }

    /** This order made valid with its certificate resource and x5u (RFC 9448 §7). */
    public Order valid(String certificateId, String certificateX5u) {
        return new Order(id, accountId, OrderStatus.VALID, expires, identifierValue,
                identifierDer, spc, notBefore, notAfter, errorJson, Optional.of(certificateId),
                Optional.of(certificateX5u), profile, replaces);
    }

    /** The status as of {@code now}: a pending or ready order past its expiry is invalid. */
    public OrderStatus statusAt(Instant now) {
        boolean open = status == OrderStatus.PENDING || status == OrderStatus.READY;
        return open && !now.isBefore(expires) ? OrderStatus.INVALID : status;
    }
}
