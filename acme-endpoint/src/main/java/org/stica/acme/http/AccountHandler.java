package org.stica.acme.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.stica.acme.jws.KeyMode;
import org.stica.acme.service.AccountService;

/** POST acct/{id} (RFC 8555 §7.3.2, §7.3.6): POST-as-GET, contact update, deactivation. */
public final class AccountHandler implements Handler<RoutingContext> {
    private final SignedPosts posts;
    private final AccountService accounts;
    private final AccountView view;

    public AccountHandler(SignedPosts posts, AccountService accounts) {
        this.posts = posts;
        this.accounts = accounts;
        this.view = new AccountView(posts.urls());
    }

    @Override
    public void handle(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        posts.verify(ctx, KeyMode.KID)
                .compose(request -> accounts.update(request, id))
                .onSuccess(account -> Replies.json(ctx, 200, view.toJson(account)))
                .onFailure(ctx::fail);
    }
}
