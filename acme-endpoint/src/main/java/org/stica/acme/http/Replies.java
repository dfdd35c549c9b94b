package org.stica.acme.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Writes ACME JSON resources (RFC 8555 §7.1) with their status and Location. */
final class Replies {
    static final String JSON = "application/json";

    private Replies() {
    }

    static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", JSON).end(body.encode());
    }

    static void json(RoutingContext ctx, int status, String location, JsonObject body) {
        ctx.response().putHeader("Location", location);
        json(ctx, status, body);
    }

    /** Seconds a client should wait before polling an object still in progress (§7.4, §7.5.1). */
    static final String POLL_SECONDS = "1";

    /** Adds {@code Retry-After} when the object is still being worked on (RFC 8555 §8.2). */
    static void retryAfterWhile(RoutingContext ctx, boolean inProgress) {
        if (inProgress) {
            ctx.response().putHeader("Retry-After", POLL_SECONDS);
        }
    }

    /** Adds one {@code Link} header value (several may be present, RFC 8288). */
    static void link(RoutingContext ctx, String url, String rel) {
        ctx.response().headers().add("Link", "<" + url + ">;rel=\"" + rel + "\"");
    }
}
