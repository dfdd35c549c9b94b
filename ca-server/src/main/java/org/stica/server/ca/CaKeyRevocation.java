package org.stica.server.ca;

import java.time.Instant;

/**
 * A revoked CA key: its alias, the serial of its certificate (lowercase hex), when, why (RFC 5280
 * §5.3.1 reason code) and by whom.
 */
public record CaKeyRevocation(String alias, String serialHex, Instant revokedAt, int reason,
                              String revokedBy) {
}
