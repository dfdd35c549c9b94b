package org.stica.server.http;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import org.stica.server.ca.CaInitializer;

/**
 * A certificate PEM fixed for the process's life ({@code /ca/roots.pem}, {@code /crl/signer.pem}):
 * the bytes, their strong ETag and a Last-Modified (the newest certificate's notBefore, to the
 * second), so verifiers can revalidate with either If-None-Match or If-Modified-Since (RFC 9110
 * §13.1; STANDARDS.md §4.4.7).
 */
public record StaticPem(byte[] body, String etag, Instant lastModified) {

    public static StaticPem of(List<X509Certificate> certificates) {
        String pem = CaInitializer.toPem(certificates);
        Instant newest = certificates.stream().map(c -> c.getNotBefore().toInstant())
                .max(Comparator.naturalOrder()).orElseThrow()
                .truncatedTo(ChronoUnit.SECONDS);
        return new StaticPem(pem.getBytes(StandardCharsets.US_ASCII), PemResource.of(pem).etag(),
                newest);
    }
}
