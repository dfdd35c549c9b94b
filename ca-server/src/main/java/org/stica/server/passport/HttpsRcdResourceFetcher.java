package org.stica.server.passport;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.time.Duration;
import org.stica.policy.rcd.RcdResourceFetcher;
import org.stica.server.token.CappedGet;

/**
 * Fetches what an {@code rcd} references over HTTPS only (RFC 9795 §5.1): one GET, no redirects
 * (a 3xx fails), connect and total timeouts, the body capped at {@code maxBytes} (also without a
 * Content-Length). The exact body bytes are returned (RFC 9795 §6.1 step 3); any failure is a
 * failed future saying why, reported by the verifier as content unverified.
 */
public final class HttpsRcdResourceFetcher implements RcdResourceFetcher, AutoCloseable {
    private final CappedGet get;

    public HttpsRcdResourceFetcher(Vertx vertx, int maxBytes, Duration timeout) {
        this(vertx, maxBytes, timeout, new WebClientOptions());
    }

    /** With TLS settings from {@code tls} (tests trust a self-signed server this way). */
    HttpsRcdResourceFetcher(Vertx vertx, int maxBytes, Duration timeout, WebClientOptions tls) {
        this.get = new CappedGet(vertx, maxBytes, timeout, "stica-verify-passport", tls);
    }

    @Override
    public Future<byte[]> fetch(URI uri) {
        if (!"https".equals(uri.getScheme()) || uri.getHost() == null
                || uri.getRawUserInfo() != null) {
            return Future.failedFuture("only https URLs without userinfo are fetched");
        }
        return get.get(uri).map(response -> response.body() == null ? new byte[0]
                : response.body().getBytes());
    }

    @Override
    public void close() {
        get.close();
    }
}
