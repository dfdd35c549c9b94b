package org.stica.acme.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.stica.acme.jws.KeyMode;
import org.stica.acme.service.FinalizeService;

/** POST order/{id}/finalize (RFC 8555 §7.4): 200 with the order and its Location. */
public final class FinalizeHandler implements Handler<RoutingContext> {
    private final SignedPosts posts;
    private final FinalizeService finalizer;
    private final OrderView view;

    public FinalizeHandler(SignedPosts posts, FinalizeService finalizer, ResourceViews views) {
        this.posts = posts;
        this.finalizer = finalizer;
        this.view = views.order();
    }

    @Override
    public void handle(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        posts.handleFoldingNonce(ctx, KeyMode.KID,
                        request -> finalizer.finalizeOrder(request, id))
                .onSuccess(state -> {
                    Replies.retryAfterWhile(ctx, view.inProgress(state));
                    Replies.json(ctx, 200, posts.urls().order(id), view.toJson(state));
                })
                .onFailure(ctx::fail);
    }
}
