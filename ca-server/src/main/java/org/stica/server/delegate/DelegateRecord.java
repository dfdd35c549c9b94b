package org.stica.server.delegate;

import java.time.Instant;

/**
 * A published delegate chain (RFC 9060 §7): {@code id} is the lowercase hex SHA-256 of the leaf
 * DER, {@code chainPem} the leaf, the SCA and our intermediate as PEM (root left out,
 * STANDARDS.md §4.4 item 6), validity the leaf's.
 */
public record DelegateRecord(String id, String scaSerial, String chainPem, Instant notBefore,
                             Instant notAfter) {
}
