package org.stica.acme.port;

import java.time.Instant;

/**
 * What ARI (RFC 9773) needs to know about a certificate this CA issued: its validity period and
 * whether it is revoked.
 */
public record CertificateFacts(Instant notBefore, Instant notAfter, boolean revoked) {
}
