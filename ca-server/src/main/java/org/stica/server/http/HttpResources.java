package org.stica.server.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import org.stica.crl.http.ConditionalGet;
import org.stica.crl.http.HttpDates;

/**
 * Writes a published file held in memory (RFC 9110): the body with its Content-Type, a strong
 * ETag, Last-Modified and Cache-Control; 304 Not Modified when If-None-Match matches (or, without
 * it, when If-Modified-Since is not before Last-Modified, §13.1.3); HEAD gets the headers only.
 */
public final class HttpResources {
    private HttpResources() {
    }

    /** Sends {@code body} (or 304, or headers only for HEAD). */
    public static void send(RoutingContext ctx, byte[] body, String contentType, String etag,
                            Instant lastModified, String cacheControl) {
        send(ctx.request(), body, contentType, etag, lastModified, cacheControl);
    }

    /** As {@link #send(RoutingContext, byte[], String, String, Instant, String)}, routerless. */
    public static void send(HttpServerRequest request, byte[] body, String contentType,
                            String etag, Instant lastModified, String cacheControl) {
        send(request, body, contentType, etag, lastModified, HttpDates.format(lastModified),
                cacheControl);
    }

    /** As above with {@code lastModified} already formatted ({@link HttpDates#format}). */
    public static void send(HttpServerRequest request, byte[] body, String contentType,
                            String etag, Instant lastModified, String lastModifiedHeader,
                            String cacheControl) {
        HttpServerResponse response = request.response()
                .putHeader(HttpHeaders.ETAG, etag)
                .putHeader(HttpHeaders.LAST_MODIFIED, lastModifiedHeader)
                .putHeader(HttpHeaders.CACHE_CONTROL, cacheControl);
        if (ConditionalGet.notModified(request.getHeader(HttpHeaders.IF_NONE_MATCH),
                request.getHeader(HttpHeaders.IF_MODIFIED_SINCE), etag, lastModified)) {
            response.setStatusCode(304).end();
            return;
        }
        response.setStatusCode(200)
                .putHeader(HttpHeaders.CONTENT_TYPE, contentType)
                .putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length));
        if (request.method() == HttpMethod.HEAD) {
            response.end();
        } else {
            response.end(Buffer.buffer(body));
        }
    }
}
