package org.stica.crl.check;

import java.math.BigInteger;

/**
 * Receives the entries of a CRL one at a time as {@link CrlFileReader} parses them: the DER of the
 * entry's certificate issuer Name (its certificateIssuer extension, or the one in force from an
 * earlier entry, or the CRL issuer; RFC 5280 §5.3.3), the serial and the reason code (0 when
 * absent). Issuer arrays are shared between entries: do not modify them.
 */
@FunctionalInterface
public interface EntryVisitor {
    void visit(byte[] issuerDer, BigInteger serial, int reason);
}
