package org.stica.acme.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.stica.acme.jws.KeyMode;
import org.stica.acme.service.OrderService;

/** POST newOrder (RFC 8555 §7.4, RFC 9448 §3): 201 + Location with the order. */
public final class NewOrderHandler implements Handler<RoutingContext> {
    private final SignedPosts posts;
    private final OrderService orders;
    private final OrderView view;

    public NewOrderHandler(SignedPosts posts, OrderService orders, ResourceViews views) {
        this.posts = posts;
        this.orders = orders;
        this.view = views.order();
    }

    @Override
    public void handle(RoutingContext ctx) {
        posts.handleFoldingNonce(ctx, KeyMode.KID, orders::newOrder)
                .onSuccess(state -> Replies.json(ctx, 201,
                        posts.urls().order(state.order().id()), view.toJson(state)))
                .onFailure(ctx::fail);
    }
}
