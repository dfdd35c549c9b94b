package org.stica.crl.publish;

import java.math.BigInteger;
import java.time.Instant;

/**
 * What the admin API reports about the CRL served now.
 *
 * @param number     CRL Number (RFC 5280 §5.2.3)
 * @param thisUpdate thisUpdate
 * @param nextUpdate nextUpdate
 * @param entries    number of revokedCertificates entries
 * @param sha256     lowercase hex SHA-256 of the DER
 * @param pending    whether a coalesced rebuild is waiting for its timer
 */
public record CrlStatus(BigInteger number, Instant thisUpdate, Instant nextUpdate, long entries,
                        String sha256, boolean pending) {
}
