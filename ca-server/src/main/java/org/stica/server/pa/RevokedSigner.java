package org.stica.server.pa;

import java.time.Instant;

/** A revoked PA signer certificate: lowercase hex serial, subject, RFC 5280 reason code. */
public record RevokedSigner(String serialHex, String subject, int reason, Instant revokedAt,
                            String revokedBy) {
}
