package org.stica.acme.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.stica.acme.service.ResourceUrls;

/**
 * Headers on every ACME response: {@code Access-Control-Allow-Origin: *} (RFC 8555 §6.1) and,
 * except on the directory itself, {@code Link: <directory>;rel="index"} (§7.1).
 */
public final class CommonHeadersHandler implements Handler<RoutingContext> {
    private final ResourceUrls urls;

    public CommonHeadersHandler(ResourceUrls urls) {
        this.urls = urls;
    }

    @Override
    public void handle(RoutingContext ctx) {
        apply(ctx);
        ctx.next();
    }

    void apply(RoutingContext ctx) {
        if (ctx.response().headers().contains("Access-Control-Allow-Origin")) {
            return;
        }
        ctx.response().putHeader("Access-Control-Allow-Origin", "*");
        if (!urls.absolute(ctx.request().path()).equals(urls.directory())) {
            Replies.link(ctx, urls.directory(), "index");
        }
    }
}
