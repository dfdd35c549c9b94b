package org.stica.acme.port;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * An issued certificate: its serial (lowercase hex), the chain end entity first (without the root),
 * and its public STI-CR (x5u) URL (RFC 9448 §7). {@code orderRecorded}: the CA's statement that
 * recorded the certificate also recorded its ACME order valid with the requested certificate
 * resource ({@link IssuanceRequest#orderRecord()}); false, the caller records the order.
 */
public record IssuedCertificate(String serialHex, List<X509Certificate> chain, URI x5u,
                                boolean orderRecorded) {
    public IssuedCertificate {
        chain = List.copyOf(chain);
    }

    /** A certificate whose order the caller records. */
    public IssuedCertificate(String serialHex, List<X509Certificate> chain, URI x5u) {
        this(serialHex, chain, x5u, false);
    }
}
