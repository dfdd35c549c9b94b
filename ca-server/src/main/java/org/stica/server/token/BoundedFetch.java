package org.stica.server.token;

import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;

/**
 * What the bounded one-GET fetchers share (x5u chains, rcd resources): a WebClient that never
 * follows redirects and has a connect timeout, and a short, secret-free reason for a failed GET
 * (body over the {@link CappedBody} cap, timeout, connection failure).
 */
public final class BoundedFetch {
    private BoundedFetch() {
    }

    /** A client over {@code base} (TLS settings) that follows no redirects. */
    public static WebClient client(Vertx vertx, WebClientOptions base, Duration timeout,
                                   String userAgent) {
        return WebClient.create(vertx, new WebClientOptions(base)
                .setFollowRedirects(false)
                .setMaxRedirects(0)
                .setConnectTimeout((int) timeout.toMillis())
                .setUserAgent(userAgent));
    }

    /** Why a GET capped at {@code maxBytes} failed. */
    public static String describe(Throwable e, int maxBytes) {
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
