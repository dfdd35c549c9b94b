package org.stica.server.token;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;

/**
 * Fetches an SPC token signer's x5u certificate chain (RFC 9448 §6 step 2; STANDARDS.md §3.5.3):
 * one GET, no redirects (a 3xx fails), connect and total timeouts, the body capped at
 * {@code maxBytes} (also without Content-Length), PEM parsed with the JCA CertificateFactory
 * (the first certificate is the signer). Chains are cached per URL in memory for the response's
 * {@code max-age} (default 1 h, at most 24 h). Every failure is a {@link PolicyException} of
 * {@link Violation#TOKEN_X5U_FETCH_FAILED}. The caller checks the URL with {@code X5uPolicy}
 * first.
 */
public final class X5uFetcher {
    private static final int MAX_CACHED_URLS = 1000;

    private final WebClient client;
    private final int maxBytes;
    private final Duration timeout;
    private final Clock clock;
    private final Map<URI, CachedChain> cache = new ConcurrentHashMap<>();

    private record CachedChain(List<X509Certificate> chain, Instant expires) {
    }

    public X5uFetcher(Vertx vertx, int maxBytes, Duration timeout, Clock clock) {
        this.client = BoundedFetch.client(vertx, new WebClientOptions(), timeout,
                "stica-x5u-fetcher");
        this.maxBytes = maxBytes;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** The chain at {@code url}, signer first; from the cache while fresh. */
    public Future<List<X509Certificate>> fetch(URI url) {
        Instant now = clock.instant();
        CachedChain cached = cache.get(url);
        if (cached != null && now.isBefore(cached.expires())) {
            return Future.succeededFuture(cached.chain());
        }
        return client.getAbs(url.toString())
                .followRedirects(false)
                .timeout(timeout.toMillis())
                .connectTimeout(timeout.toMillis())
                .putHeader("Accept", "application/pem-certificate-chain, application/x-pem-file,"
                        + " */*")
                .as(new CappedBody(maxBytes))
                .send()
                .recover(e -> Future.failedFuture(failure(url, BoundedFetch.describe(e, maxBytes))))
                .compose(response -> parse(url, response));
    }

    /** Empties the cache (tests, or an operator after a PA key rollover). */
    public void clearCache() {
        cache.clear();
    }

    public void close() {
        client.close();
    }

    private Future<List<X509Certificate>> parse(URI url, HttpResponse<Buffer> response) {
        if (response.statusCode() != 200) {
            return Future.failedFuture(failure(url, "HTTP status " + response.statusCode()
                    + (response.statusCode() / 100 == 3 ? " (redirects are not followed)" : "")));
        }
        List<X509Certificate> chain;
        try {
            Collection<? extends Certificate> parsed = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(response.body().getBytes()));
            chain = parsed.stream().map(X509Certificate.class::cast).toList();
        } catch (CertificateException | RuntimeException e) {
            return Future.failedFuture(failure(url, "body is not a PEM certificate chain"));
        }
        if (chain.isEmpty()) {
            return Future.failedFuture(failure(url, "body holds no certificate"));
        }
        Duration lifetime = CacheLifetime.of(response.getHeader("Cache-Control"));
        if (!lifetime.isZero()) {
            if (cache.size() >= MAX_CACHED_URLS) {
                cache.clear();
            }
            cache.put(url, new CachedChain(chain, clock.instant().plus(lifetime)));
        }
        return Future.succeededFuture(chain);
    }

    private static PolicyException failure(URI url, String reason) {
        return new PolicyException(Violation.TOKEN_X5U_FETCH_FAILED,
                "fetching the x5u certificate " + url + " failed: " + reason);
    }
}
