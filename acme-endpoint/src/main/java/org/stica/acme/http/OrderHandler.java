package org.stica.acme.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.stica.acme.jws.KeyMode;
import org.stica.acme.service.OrderService;

/** POST-as-GET order/{id} (RFC 8555 §7.1.3, §7.4). */
public final class OrderHandler implements Handler<RoutingContext> {
    private final SignedPosts posts;
    private final OrderService orders;
    private final OrderView view;

    public OrderHandler(SignedPosts posts, OrderService orders, ResourceViews views) {
        this.posts = posts;
        this.orders = orders;
        this.view = views.order();
    }

    @Override
    public void handle(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        posts.handleFoldingNonce(ctx, KeyMode.KID, request -> orders.get(request, id))
                .onSuccess(state -> {
                    Replies.retryAfterWhile(ctx, view.inProgress(state));
                    Replies.json(ctx, 200, view.toJson(state));
                })
                .onFailure(ctx::fail);
    }
}
