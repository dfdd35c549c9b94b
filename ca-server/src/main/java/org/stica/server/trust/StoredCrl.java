package org.stica.server.trust;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * The last good STI-PA CRL: its DER, where it came from, when it was last refreshed, and the
 * separate CRL signer chain it was verified with (empty when a trusted root signed it).
 */
public record StoredCrl(byte[] der, String sourceUrl, Instant fetchedAt,
                        List<X509Certificate> signers) {
    public StoredCrl {
        signers = List.copyOf(signers);
    }

    /** A CRL signed by a trusted root. */
    public StoredCrl(byte[] der, String sourceUrl, Instant fetchedAt) {
        this(der, sourceUrl, fetchedAt, List.of());
    }
}
