package org.stica.acme.http;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.stica.acme.service.RenewalInfoService;
import org.stica.acme.service.RenewalWindow;

/**
 * Unauthenticated GET renewalInfo/{certID} (RFC 9773 §4.1–§4.3): 200 with
 * {@code {"suggestedWindow":{"start","end"}}} and {@code Retry-After}; unknown certificate → 404.
 */
public final class RenewalInfoHandler implements Handler<RoutingContext> {
    private final RenewalInfoService renewals;

    public RenewalInfoHandler(RenewalInfoService renewals) {
        this.renewals = renewals;
    }

    @Override
    public void handle(RoutingContext ctx) {
        renewals.renewalInfo(ctx.pathParam("certID"))
                .onSuccess(window -> render(ctx, window))
                .onFailure(ctx::fail);
    }

    private static void render(RoutingContext ctx, RenewalWindow window) {
        ctx.response().putHeader("Retry-After",
                Long.toString(window.retryAfter().toSeconds()));
        Replies.json(ctx, 200, new JsonObject().put("suggestedWindow", new JsonObject()
                .put("start", Times.format(window.start()))
                .put("end", Times.format(window.end()))));
    }
}
