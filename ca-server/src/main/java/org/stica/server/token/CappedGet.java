package org.stica.server.token;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.time.Duration;

/**
 * One GET under the x5u fetch rules (STANDARDS.md §3.5.3): no redirects (a 3xx fails), connect
 * and total timeouts, the body capped at {@code maxBytes} (also without Content-Length), only
 * status 200 accepted. A failure is a {@link Refused} whose message is a short, client-safe
 * reason ({@code timed out}, {@code HTTP status 302 (redirects are not followed)} ...). The
 * caller checks the URL against its allow-list first.
 */
public final class CappedGet {
    private final WebClient client;
    private final int maxBytes;
    private final Duration timeout;

    /** Why a GET failed; the message is safe to show. */
    public static final class Refused extends RuntimeException {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    public CappedGet(Vertx vertx, int maxBytes, Duration timeout, String userAgent) {
        this(vertx, maxBytes, timeout, userAgent, new WebClientOptions());
    }

    /** With the TLS settings of {@code base} (tests trust a self-signed server this way). */
    public CappedGet(Vertx vertx, int maxBytes, Duration timeout, String userAgent,
                     WebClientOptions base) {
        this.client = WebClient.create(vertx, new WebClientOptions(base)
                .setFollowRedirects(false)
                .setMaxRedirects(0)
                .setConnectTimeout((int) timeout.toMillis())
                .setUserAgent(userAgent));
        this.maxBytes = maxBytes;
        this.timeout = timeout;
    }

    /** The 200 response to GET {@code url} with {@code accept}, or a failed {@link Refused}. */
    public Future<HttpResponse<Buffer>> get(URI url, String accept) {
        return send(client.getAbs(url.toString()).putHeader("Accept", accept));
    }

    /** The 200 response to GET {@code url} (no Accept header), or a failed {@link Refused}. */
    public Future<HttpResponse<Buffer>> get(URI url) {
        return send(client.getAbs(url.toString()));
    }

    private Future<HttpResponse<Buffer>> send(HttpRequest<Buffer> request) {
        return request
                .followRedirects(false)
                .timeout(timeout.toMillis())
                .connectTimeout(timeout.toMillis())
                .as(new CappedBody(maxBytes))
                .send()
                .recover(e -> Future.failedFuture(new Refused(describe(e))))
                .compose(CappedGet::ok);
    }

    public void close() {
        client.close();
    }

    private static Future<HttpResponse<Buffer>> ok(HttpResponse<Buffer> response) {
        if (response.statusCode() != 200) {
            return Future.failedFuture(new Refused("HTTP status " + response.statusCode()
                    + (response.statusCode() / 100 == 3 ? " (redirects are not followed)" : "")));
        }
        return Future.succeededFuture(response);
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
}
