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

    /** Adds one {@code Link} header value (several may be present, RFC 8288). */
    static void link(RoutingContext ctx, String url, String rel) {
        ctx.response().headers().add("Link", "<" + url + ">;rel=\"" + rel + "\"");
    }
}
