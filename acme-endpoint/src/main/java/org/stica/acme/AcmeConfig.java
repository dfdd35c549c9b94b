package org.stica.acme;

import java.time.Duration;
import java.util.Optional;

/**
 * ACME endpoint settings.
 *
 * @param publicUrl       external origin, e.g. {@code http://localhost:8080} (no trailing slash)
 * @param basePath        where the router is mounted, e.g. {@code /acme}; resource URLs are
 *                        {@code publicUrl + basePath + "/..."} and the JWS {@code url} must equal them
 * @param spcPattern      regular expression an SPC must match (STANDARDS.md §1.4 item 4)
 * @param maxBodyBytes    requests larger than this are refused (default 64 KiB)
 */
public record AcmeConfig(String publicUrl, String basePath, Duration nonceLifetime, Duration orderLifetime,
                         Duration authzLifetime, int maxBodyBytes, String spcPattern,
                         Optional<String> termsOfService, Optional<String> website) {

    public static AcmeConfig defaults(String publicUrl) {
        return new AcmeConfig(publicUrl, "/acme", Duration.ofMinutes(30), Duration.ofDays(7),
                Duration.ofDays(7), 64 * 1024, "^[A-Z0-9]{4}$", Optional.empty(), Optional.empty());
    }
}
