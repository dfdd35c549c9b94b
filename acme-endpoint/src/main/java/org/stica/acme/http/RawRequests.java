package org.stica.acme.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RequestBody;
import io.vertx.ext.web.RoutingContext;
import org.stica.acme.jws.RawRequest;
import org.stica.acme.service.ResourceUrls;

/** Builds the {@link RawRequest} the JWS checks see from a routed request. */
final class RawRequests {
    private RawRequests() {
    }

    static RawRequest of(RoutingContext ctx, ResourceUrls urls) {
        RequestBody body = ctx.body();
        Buffer buffer = body == null ? null : body.buffer();
        byte[] bytes = buffer == null ? new byte[0] : buffer.getBytes();
        return new RawRequest(ctx.request().getHeader("Content-Type"), bytes,
                urls.absolute(ctx.request().uri()));
    }
}
