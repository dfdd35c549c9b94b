package org.stica.acme.model;

import java.time.Instant;

/**
 * A certificate issued for an order (RFC 8555 §7.4.2): the PEM chain (end entity first), its
 * serial (lowercase hex) and its public STI-CR URL.
 */
public record CertificateRecord(String id, String orderId, String accountId, String serialHex,
                                String chainPem, String x5u, Instant createdAt) {
}
