package org.stica.server.admin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Sends admin API JSON bodies ({@code application/json}, never cached). */
public final class JsonReply {
    private JsonReply() {
    }

    /** Ends the response with {@code status} and the encoded JSON value. */
    public static void send(RoutingContext ctx, int status, Object json) {
        String body = json instanceof JsonObject o ? o.encode()
                : json instanceof JsonArray a ? a.encode() : String.valueOf(json);
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store")
                .end(body);
    }
}
