package org.stica.crl.port;

import java.math.BigInteger;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * Identifies one entry of the indirect CRL: the issuing CA's Name and the serial (RFC 5280 §5.3.3;
 * a serial alone is ambiguous once two CAs, e.g. an intermediate and its rollover successor, share
 * the CRL).
 */
public record RevokedKey(X500Name issuer, BigInteger serial) {
    public RevokedKey {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(serial, "serial");
    }
}
