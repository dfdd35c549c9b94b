package org.stica.acme.http;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.stica.acme.jws.KeyMode;
import org.stica.acme.service.OrdersListService;

/**
 * POST-as-GET acct/{id}/orders (RFC 8555 §7.1.2.1): {@code {"orders":[url…]}} with
 * {@code Link: <next page>;rel="next"} while more orders follow.
 */
public final class OrdersListHandler implements Handler<RoutingContext> {
    private final SignedPosts posts;
    private final OrdersListService lists;

    public OrdersListHandler(SignedPosts posts, OrdersListService lists) {
        this.posts = posts;
        this.lists = lists;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        String cursor = ctx.request().getParam("cursor");
        posts.verify(ctx, KeyMode.KID)
                .compose(request -> lists.page(request, id, cursor))
                .onSuccess(page -> {
                    page.next().ifPresent(next -> Replies.link(ctx, next, "next"));
                    Replies.json(ctx, 200, new JsonObject()
                            .put("orders", new JsonArray(page.orderUrls())));
                })
                .onFailure(ctx::fail);
    }
}
