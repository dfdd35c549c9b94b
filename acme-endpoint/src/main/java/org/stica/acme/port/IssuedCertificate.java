package org.stica.acme.port;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * An issued certificate: its serial (lowercase hex), the chain end entity first (without the root),
 * and its public STI-CR (x5u) URL (RFC 9448 §7).
 */
public record IssuedCertificate(String serialHex, List<X509Certificate> chain, URI x5u) {
    public IssuedCertificate {
        chain = List.copyOf(chain);
    }
}
