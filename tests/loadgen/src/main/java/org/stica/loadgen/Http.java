package org.stica.loadgen;

import io.netty.util.AsciiString;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * The generator's HTTP/1.1 client: Vert.x core {@code HttpClient} with keep-alive connections,
 * each exchange answered as one {@link Reply} once the whole body arrived.
 *
 * <p>Why not the Vert.x WebClient: its interceptor chain, per-request context objects and codec
 * layers cost CPU on every request of every flow, and the generator shares the machine with the
 * server it measures. The requests on the wire are the same (method, URL, {@code User-Agent},
 * {@code Content-Type}, {@code Accept}, body).
 */
final class Http {
    private static final CharSequence USER_AGENT = AsciiString.cached("User-Agent");
    private static final CharSequence AGENT = AsciiString.cached("stica-loadgen");
    private static final CharSequence CONTENT_TYPE = AsciiString.cached("Content-Type");
    private static final CharSequence ACCEPT = AsciiString.cached("Accept");
    private static final CharSequence AUTHORIZATION = AsciiString.cached("Authorization");

    private final HttpClientAgent client;
    private final long timeoutMs;

    /**
     * @param timeoutMs an exchange with no answer data for this long fails (a hung server is
     *                  counted as errors instead of stalling its flows for ever)
     */
    Http(Vertx vertx, boolean insecure, int maxConnections, long timeoutMs) {
        this.client = vertx.createHttpClient(new HttpClientOptions().setTrustAll(insecure)
                        .setVerifyHost(!insecure).setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(maxConnections));
        this.timeoutMs = timeoutMs;
    }

    Future<Reply> get(String url) {
        return exchange(HttpMethod.GET, url, null, null, null, null);
    }

    Future<Reply> head(String url) {
        return exchange(HttpMethod.HEAD, url, null, null, null, null);
    }

    /** POST {@code body} with that {@code Content-Type}; {@code accept}, {@code authorization} may be null. */
    Future<Reply> post(String url, CharSequence contentType, Buffer body, CharSequence accept,
            String authorization) {
        return exchange(HttpMethod.POST, url, contentType, body, accept, authorization);
    }

    private Future<Reply> exchange(HttpMethod method, String url, CharSequence contentType,
            Buffer body, CharSequence accept, String authorization) {
        return client.request(new RequestOptions().setMethod(method).setAbsoluteURI(url)
                        .setConnectTimeout(timeoutMs).setIdleTimeout(timeoutMs))
                .compose(request -> {
                    headers(request, contentType, accept, authorization);
                    return body == null ? request.send() : request.send(body);
                })
                .compose(response -> response.body()
                        .map(b -> new Reply(response.statusCode(), response.headers(), b)));
    }

    private static void headers(HttpClientRequest request, CharSequence contentType,
            CharSequence accept, String authorization) {
        request.putHeader(USER_AGENT, AGENT);
        if (contentType != null) {
            request.putHeader(CONTENT_TYPE, contentType);
        }
        if (accept != null) {
            request.putHeader(ACCEPT, accept);
        }
        if (authorization != null) {
            request.putHeader(AUTHORIZATION, authorization);
        }
    }

    Future<Void> close() {
        return client.close();
    }
}
