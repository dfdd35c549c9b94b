package org.stica.server.issuance;

import java.time.Instant;
import java.util.Optional;

/**
 * A serial reserved before signing (ARCHITECTURE.md §2 step 6): the TBS hash pins exactly what
 * will be signed under it.
 */
public record CertificateReservation(String serialHex, String issuerAlias,
                                     Optional<String> accountId, Optional<String> orderId,
                                     String spc, byte[] tbsSha256, Instant notBefore,
                                     Instant notAfter) {
    public CertificateReservation {
        tbsSha256 = tbsSha256.clone();
    }
}
