package org.stica.server.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * GET/HEAD {@code /cr/{serial}.pem}: the STI-CR chain of one certificate (RFC 9448 §7;
 * STANDARDS.md §4.4): {@code application/pem-certificate-chain} (item 5, RFC 8555 §9.1), a strong
 * ETag, Last-Modified = the leaf's notBefore, {@code Cache-Control: public, max-age=N} with N at
 * least 86400 (item 7, ATIS-1000074) but never past the leaf's notAfter, 304 on If-None-Match /
 * If-Modified-Since. Served from the repository's memory cache after the first download.
 */
public final class CertificateRepositoryHandler {
    /** RFC 8555 §9.1 / STANDARDS.md §4.4 item 5. */
    public static final String CHAIN_TYPE = "application/pem-certificate-chain";
    static final String CACHE_CONTROL = "public, max-age=86400";
    private static final long MIN_MAX_AGE = 86_400;
    private static final long MAX_MAX_AGE = Duration.ofDays(30).toSeconds();
    private static final String PREFIX = "/cr/";
    /** The route that serves the repository, as {@link PublicRoutes} mounts it. */
    static final String ROUTE = PREFIX + ":file";
    private static final Pattern FILE = Pattern.compile("^([0-9a-fA-F]{1,40})\\.pem$");

    private final CertificateRepository repository;
    private final Clock clock;

    public CertificateRepositoryHandler(CertificateRepository repository) {
        this(repository, Clock.systemUTC());
    }

    public CertificateRepositoryHandler(CertificateRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    public void handle(RoutingContext ctx) {
        var matcher = FILE.matcher(ctx.pathParam("file"));
        if (!matcher.matches()) {
            ctx.fail(new HttpProblem(404, "notFound", "no such certificate"));
            return;
        }
        String serialHex = matcher.group(1).toLowerCase(Locale.ROOT);
        repository.entry(serialHex)
                .onSuccess(found -> found.ifPresentOrElse(
                        entry -> send(ctx.request(), entry),
                        () -> ctx.fail(new HttpProblem(404, "notFound", "no such certificate"))))
                .onFailure(ctx::fail);
    }

    /**
     * Answers a GET/HEAD of {@code /cr/{serial}.pem} straight on the request when the chain is
     * in memory (downloaded before), without a router; false, with nothing written, otherwise
     * (the router then serves it, from the database if need be, or answers the problem).
     */
    public boolean serveDirect(HttpServerRequest request) {
        String path = request.path();
        if (!path.startsWith(PREFIX) || (request.method() != HttpMethod.GET
                && request.method() != HttpMethod.HEAD)) {
            return false;
        }
        var matcher = FILE.matcher(path.substring(PREFIX.length()));
        if (!matcher.matches()) {
            return false;
        }
        Optional<RepositoryEntry> entry =
                repository.cached(matcher.group(1).toLowerCase(Locale.ROOT));
        entry.ifPresent(found -> {
            request.routed(ROUTE);  // the router's template, for HTTP metrics (issue 17)
            send(request, found);
        });
        return entry.isPresent();
    }

    private void send(HttpServerRequest request, RepositoryEntry entry) {
        HttpResources.send(request, entry.body(), CHAIN_TYPE, entry.pem().etag(),
                entry.notBefore(), entry.lastModified(), "public, max-age=" + maxAge(entry));
    }

    /**
     * At least a day (STANDARDS.md §4.4 item 7), at most 30 days, never past notAfter (an expired
     * certificate is cached for 0 seconds).
     */
    long maxAge(RepositoryEntry entry) {
        return maxAge(clock.instant(), entry.notAfter());
    }

    /** As {@link #maxAge(RepositoryEntry)} for a leaf expiring at {@code notAfter}. */
    static long maxAge(java.time.Instant now, java.time.Instant notAfter) {
        long untilExpiry = Math.max(0, Duration.between(now, notAfter).toSeconds());
        return Math.min(untilExpiry, Math.max(MIN_MAX_AGE, MAX_MAX_AGE));
    }
}
