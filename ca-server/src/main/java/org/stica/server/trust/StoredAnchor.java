package org.stica.server.trust;

import java.security.cert.X509Certificate;
import java.time.Instant;

/** A trusted STI-PA root as stored: its id, SHA-256 of the DER, source and the certificate. */
public record StoredAnchor(long id, String sha256, String source, Instant addedAt,
                           X509Certificate certificate) {
}
