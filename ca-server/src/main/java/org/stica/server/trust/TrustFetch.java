package org.stica.server.trust;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.time.Duration;
import org.stica.server.token.CappedBody;

/**
 * One GET of STI-PA trust material (CRL, CA list) from a configured URL: no redirects, connect
 * and total timeouts, body capped; any non-200 answer fails. The failure text names the cause
 * only (no body echoed).
 */
public final class TrustFetch {
    private final WebClient client;
    private final Duration timeout;
    private final int maxBytes;

    public TrustFetch(Vertx vertx, Duration timeout, int maxBytes) {
        this.client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false)
                .setMaxRedirects(0).setConnectTimeout((int) timeout.toMillis())
                .setUserAgent("stica-trust-fetcher"));
        this.timeout = timeout;
        this.maxBytes = maxBytes;
    }

    /** The body at {@code url}, fetched with {@code accept}. */
    public Future<byte[]> get(URI url, String accept) {
        return client.getAbs(url.toString()).followRedirects(false)
                .timeout(timeout.toMillis()).connectTimeout(timeout.toMillis())
                .putHeader("Accept", accept)
                .as(new CappedBody(maxBytes))
                .send()
                .recover(e -> Future.failedFuture(new IllegalStateException(describe(url, e))))
                .compose(response -> response.statusCode() == 200
                        ? Future.succeededFuture(body(response.body()))
                        : Future.failedFuture(new IllegalStateException("GET " + url
                                + " answered HTTP " + response.statusCode())));
    }

    public void close() {
        client.close();
    }

    private static byte[] body(Buffer body) {
        return body == null ? new byte[0] : body.getBytes();
    }

    private String describe(URI url, Throwable e) {
        if (e instanceof CappedBody.TooLargeException
                || e.getCause() instanceof CappedBody.TooLargeException) {
            return "GET " + url + ": response exceeds " + maxBytes + " bytes";
        }
        return "GET " + url + " failed: " + e.getClass().getSimpleName();
    }
}
