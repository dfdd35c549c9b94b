package org.stica.server.rcd;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;
import org.stica.policy.rcd.RcdResourceFetcher;
import org.stica.policy.token.X5uPolicy;
import org.stica.server.token.CappedGet;

/**
 * Fetches what an {@code rcd} references (icon, jCard, jCard URIs; RFC 9795 §6.1 step 3) under
 * the same SSRF rules as x5u (STANDARDS.md §3.5.3): the URL must pass the x5u allow-list in force
 * ({@link X5uPolicy}: https, or http only where a prefix allows it; no userinfo, query, fragment
 * or dot segments), one GET, no redirects (a 3xx fails), connect and total timeouts, the body
 * capped at {@code maxBytes} (also without Content-Length). Nothing is cached: approval pins the
 * bytes fetched at that moment. Every failure is a {@link PolicyException} saying why.
 */
public final class AllowListedFetcher implements RcdResourceFetcher {
    private final X5uPolicy allowList;
    private final CappedGet get;

    public AllowListedFetcher(Vertx vertx, X5uPolicy allowList, int maxBytes, Duration timeout) {
        this.allowList = allowList;
        this.get = new CappedGet(vertx, maxBytes, timeout, "stica-rcd-fetcher");
    }

    @Override
    public Future<byte[]> fetch(URI uri) {
        try {
            allowList.check(uri);
        } catch (PolicyException e) {
            return Future.failedFuture(failure(uri, "the URL is not on the allow-list"));
        }
        return get.get(uri, "*/*")
                .recover(e -> Future.failedFuture(failure(uri, e.getMessage())))
                .map(response -> response.body() == null ? new byte[0]
                        : response.body().getBytes());
    }

    public void close() {
        get.close();
    }

    private static PolicyException failure(URI uri, String reason) {
        return new PolicyException(Violation.RCD_RESOURCE_UNAVAILABLE,
                "fetching " + uri + " failed: " + reason);
    }
}
