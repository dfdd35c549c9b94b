package org.stica.server.issuance;

import java.math.BigInteger;
import java.time.Instant;
import org.bouncycastle.cert.X509v3CertificateBuilder;

/**
 * A certificate template that passed the lint, ready for its one real signature: the builder,
 * its serial and validity, and the SHA-256 of the TBSCertificate the lint saw.
 */
record PreparedCertificate(X509v3CertificateBuilder builder, BigInteger serial, Instant notBefore,
                           Instant notAfter, byte[] tbsSha256) {

    String serialHex() {
        return serial.toString(16);
    }
}
