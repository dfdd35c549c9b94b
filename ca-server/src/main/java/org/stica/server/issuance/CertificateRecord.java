package org.stica.server.issuance;

import java.time.Instant;
import java.util.Optional;

/** A {@code certificate} row as the services see it. */
public record CertificateRecord(String serialHex, String issuerAlias, CertificateStatus status,
                                Optional<String> accountId, String spc, Optional<byte[]> der,
                                Instant notBefore, Instant notAfter, Optional<Instant> revokedAt,
                                Optional<Integer> revocationReason) {
}
