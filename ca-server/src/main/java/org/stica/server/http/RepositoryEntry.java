package org.stica.server.http;

import java.time.Instant;

/**
 * One certificate's chain in the STI-CR (x5u) repository with the leaf's validity, from which the
 * caching headers are derived.
 */
public record RepositoryEntry(PemResource pem, Instant notBefore, Instant notAfter) {
}
