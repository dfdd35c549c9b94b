package org.stica.server.http;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.stica.crl.http.HttpDates;

/**
 * One certificate's chain in the STI-CR (x5u) repository with the leaf's validity, from which the
 * caching headers are derived.
 */
public record RepositoryEntry(PemResource pem, Instant notBefore, Instant notAfter, byte[] body,
                              String lastModified) {

    /** The entry with its body bytes and Last-Modified header prepared once, not per download. */
    public static RepositoryEntry of(PemResource pem, Instant notBefore, Instant notAfter) {
        return new RepositoryEntry(pem, notBefore, notAfter,
                pem.body().getBytes(StandardCharsets.US_ASCII), HttpDates.format(notBefore));
    }
}
