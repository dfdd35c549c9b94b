package org.stica.acme.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.stica.acme.jws.KeyMode;
import org.stica.acme.service.AuthzService;

/** POST authz/{id} (RFC 8555 §7.5, §7.5.2): POST-as-GET or deactivation. */
public final class AuthzHandler implements Handler<RoutingContext> {
    private final SignedPosts posts;
    private final AuthzService authzs;
    private final AuthzView view;

    public AuthzHandler(SignedPosts posts, AuthzService authzs, ResourceViews views) {
        this.posts = posts;
        this.authzs = authzs;
        this.view = views.authz();
    }

    @Override
    public void handle(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        posts.handleFoldingNonce(ctx, KeyMode.KID, request -> authzs.handle(request, id))
                .onSuccess(state -> {
                    Replies.retryAfterWhile(ctx, view.inProgress(state));
                    Replies.json(ctx, 200, view.toJson(state));
                })
                .onFailure(ctx::fail);
    }
}
