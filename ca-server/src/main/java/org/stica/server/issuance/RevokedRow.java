package org.stica.server.issuance;

import java.time.Instant;

/** A revoked, unexpired certificate as the CRL needs it. */
public record RevokedRow(String serialHex, String issuerAlias, Instant revokedAt, int reason) {
}
