package org.stica.acme;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * ACME endpoint settings.
 *
 * @param publicUrl       external origin, e.g. {@code http://localhost:8080} (no trailing slash)
 * @param basePath        where the router is mounted, e.g. {@code /acme}; resource URLs are
 *                        {@code publicUrl + basePath + "/..."} and the JWS {@code url} must
 *                        equal them
 * @param nonceLifetime   how long an unused Replay-Nonce stays redeemable (RFC 8555 §6.5)
 * @param orderLifetime   how long a new order stays usable before it becomes invalid
 * @param authzLifetime   how long an authorization stays usable before it expires
 * @param maxBodyBytes    requests larger than this are refused (default 64 KiB)
 * @param spcPattern      regular expression an SPC must match (STANDARDS.md §1.4 item 4)
 * @param termsOfService  directory {@code meta.termsOfService}, when configured
 * @param website         directory {@code meta.website}, when configured
 * @param externalAccountRequired newAccount needs an external account binding (RFC 8555
 *                        §7.3.4), advertised as {@code meta.externalAccountRequired}
 * @param ordersPerHour   newOrder requests one account may make per hour: that many at once,
 *                        then one every hour / ordersPerHour (a generic cell rate algorithm);
 *                        more → rateLimited with Retry-After (RFC 8555 §6.6)
 * @param ordersPageSize  orders per page of an account's orders list (§7.1.2.1)
 * @param shortLivedDays  validity of certificates under the {@code shaken-shortlived} profile
 * @param scaEnabled      whether the {@code shaken-sca} profile is offered (RFC 9060 SCA
 *                        certificates; the issuing intermediate must allow a CA below it)
 */
public record AcmeConfig(String publicUrl, String basePath, Duration nonceLifetime,
                         Duration orderLifetime, Duration authzLifetime, int maxBodyBytes,
                         String spcPattern,
                         Optional<String> termsOfService, Optional<String> website,
                         boolean externalAccountRequired, int ordersPerHour, int ordersPageSize,
                         int shortLivedDays, boolean scaEnabled) {

    /** Default for {@link #ordersPerHour()}. */
    public static final int DEFAULT_ORDERS_PER_HOUR = 300;
    /** Default for {@link #ordersPageSize()}. */
    public static final int DEFAULT_ORDERS_PAGE_SIZE = 100;
    /** Default for {@link #shortLivedDays()}. */
    public static final int DEFAULT_SHORT_LIVED_DAYS = 7;

    /** The settings without the {@code shaken-sca} profile. */
    public AcmeConfig(String publicUrl, String basePath, Duration nonceLifetime,
                      Duration orderLifetime, Duration authzLifetime, int maxBodyBytes,
                      String spcPattern, Optional<String> termsOfService,
                      Optional<String> website, boolean externalAccountRequired,
                      int ordersPerHour, int ordersPageSize, int shortLivedDays) {
        this(publicUrl, basePath, nonceLifetime, orderLifetime, authzLifetime, maxBodyBytes,
                spcPattern, termsOfService, website, externalAccountRequired, ordersPerHour,
                ordersPageSize, shortLivedDays, false);
    }

    /** The same settings with the {@code shaken-sca} profile offered or not. */
    public AcmeConfig withScaEnabled(boolean enabled) {
        return new AcmeConfig(publicUrl, basePath, nonceLifetime, orderLifetime, authzLifetime,
                maxBodyBytes, spcPattern, termsOfService, website, externalAccountRequired,
                ordersPerHour, ordersPageSize, shortLivedDays, enabled);
    }

    /** The settings of the first release (no EAB, default limits and profile validity). */
    public AcmeConfig(String publicUrl, String basePath, Duration nonceLifetime,
                      Duration orderLifetime, Duration authzLifetime, int maxBodyBytes,
                      String spcPattern, Optional<String> termsOfService,
                      Optional<String> website) {
        this(publicUrl, basePath, nonceLifetime, orderLifetime, authzLifetime, maxBodyBytes,
                spcPattern, termsOfService, website, false, DEFAULT_ORDERS_PER_HOUR,
                DEFAULT_ORDERS_PAGE_SIZE, DEFAULT_SHORT_LIVED_DAYS);
    }

    public static AcmeConfig defaults(String publicUrl) {
        return new AcmeConfig(publicUrl, "/acme", Duration.ofMinutes(30), Duration.ofDays(7),
                Duration.ofDays(7), 64 * 1024, "^[A-Z0-9]{4}$", Optional.empty(), Optional.empty());
    }

    /** Refuses settings the endpoint cannot run with; returns this for chaining. */
    public AcmeConfig validate() {
        URI origin = URI.create(publicUrl);
        if (origin.getScheme() == null || origin.getHost() == null || publicUrl.endsWith("/")
                || (origin.getRawPath() != null && !origin.getRawPath().isEmpty())) {
            throw new IllegalArgumentException("publicUrl must be an origin without a trailing"
                    + " slash, e.g. https://ca.example.com");
        }
        if (!basePath.startsWith("/") || basePath.endsWith("/")) {
            throw new IllegalArgumentException("basePath must start and not end with '/'");
        }
        for (Duration d : new Duration[] {nonceLifetime, orderLifetime, authzLifetime}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("lifetimes must be positive");
            }
        }
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("maxBodyBytes must be at least 1024");
        }
        if (ordersPerHour < 1 || ordersPageSize < 1 || shortLivedDays < 1) {
            throw new IllegalArgumentException("ordersPerHour, ordersPageSize and shortLivedDays"
                    + " must be positive");
        }
        try {
            Pattern.compile(spcPattern);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("spcPattern is not a regular expression", e);
        }
        return this;
    }
}
