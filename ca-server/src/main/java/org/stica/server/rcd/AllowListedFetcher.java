package org.stica.server.rcd;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.time.Duration;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;
import org.stica.policy.rcd.RcdResourceFetcher;
import org.stica.policy.token.X5uPolicy;
import org.stica.server.token.CappedBody;

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
    private final WebClient client;
    private final int maxBytes;
    private final Duration timeout;

    public AllowListedFetcher(Vertx vertx, X5uPolicy allowList, int maxBytes, Duration timeout) {
        this.allowList = allowList;
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setFollowRedirects(false)
                .setMaxRedirects(0)
                .setConnectTimeout((int) timeout.toMillis())
                .setUserAgent("stica-rcd-fetcher"));
        this.maxBytes = maxBytes;
        this.timeout = timeout;
    }

    @Override
    public Future<byte[]> fetch(URI uri) {
        try {
            allowList.check(uri);
        } catch (PolicyException e) {
            return Future.failedFuture(failure(uri, "the URL is not on the allow-list"));
        }
        return client.getAbs(uri.toString())
                .followRedirects(false)
                .timeout(timeout.toMillis())
                .connectTimeout(timeout.toMillis())
                .as(new CappedBody(maxBytes))
                .send()
                .recover(e -> Future.failedFuture(failure(uri, describe(e))))
                .compose(response -> body(uri, response));
    }

    public void close() {
        client.close();
    }

    private static Future<byte[]> body(URI uri, HttpResponse<Buffer> response) {
        if (response.statusCode() != 200) {
            return Future.failedFuture(failure(uri, "HTTP status " + response.statusCode()
                    + (response.statusCode() / 100 == 3 ? " (redirects are not followed)" : "")));
        }
        Buffer body = response.body();
        return Future.succeededFuture(body == null ? new byte[0] : body.getBytes());
    }

    private String describe(Throwable e) {
        if (e instanceof CappedBody.TooLargeException
                || e.getCause() instanceof CappedBody.TooLargeException) {
            return "response exceeds " + maxBytes + " bytes";
        }
        String name = e.getClass().getSimpleName();
        if (name.contains("Timeout") || String.valueOf(e.getMessage()).contains("timeout")) {
            return "timed out";
        }
        return "connection failed";
    }

    private static PolicyException failure(URI uri, String reason) {
        return new PolicyException(Violation.RCD_RESOURCE_UNAVAILABLE,
                "fetching " + uri + " failed: " + reason);
    }
}
