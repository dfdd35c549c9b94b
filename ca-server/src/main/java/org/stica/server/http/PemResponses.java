package org.stica.server.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Writes a {@link PemResource}: {@code application/x-pem-file}, the given Cache-Control, a strong
 * ETag, and 304 Not Modified when {@code If-None-Match} matches (STANDARDS.md §4.4.7).
 */
final class PemResponses {
    static final String PEM_TYPE = "application/x-pem-file";

    private PemResponses() {
    }

    static void send(RoutingContext ctx, PemResource resource, String cacheControl) {
        var response = ctx.response()
                .putHeader(HttpHeaders.CACHE_CONTROL, cacheControl)
                .putHeader(HttpHeaders.ETAG, resource.etag());
        if (resource.matches(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH))) {
            response.setStatusCode(304).end();
            return;
        }
        response.putHeader(HttpHeaders.CONTENT_TYPE, PEM_TYPE).end(resource.body());
    }
}
