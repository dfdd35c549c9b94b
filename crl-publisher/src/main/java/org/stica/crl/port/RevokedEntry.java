package org.stica.crl.port;

import java.math.BigInteger;
import java.time.Instant;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * One CRL entry (RFC 5280 §5.3): serial, revocation date, reason code (0 = unspecified, left out
 * of the entry) and the issuing CA's Name (certificateIssuer entry extension of the indirect CRL).
 */
public record RevokedEntry(BigInteger serial, Instant revokedAt, int reasonCode,
        X500Name certificateIssuer) {
}
