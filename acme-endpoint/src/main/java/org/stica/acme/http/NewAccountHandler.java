package org.stica.acme.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.stica.acme.jws.KeyMode;
import org.stica.acme.service.AccountResult;
import org.stica.acme.service.AccountService;

/** POST newAccount (RFC 8555 §7.3): 201 + Location when created, 200 + Location when known. */
public final class NewAccountHandler implements Handler<RoutingContext> {
    private final SignedPosts posts;
    private final AccountService accounts;
    private final AccountView view;

    public NewAccountHandler(SignedPosts posts, AccountService accounts) {
        this.posts = posts;
        this.accounts = accounts;
        this.view = new AccountView(posts.urls());
    }

    @Override
    public void handle(RoutingContext ctx) {
        posts.verify(ctx, KeyMode.JWK)
                .compose(accounts::newAccount)
                .onSuccess(result -> render(ctx, result))
                .onFailure(ctx::fail);
    }

    private void render(RoutingContext ctx, AccountResult result) {
        Replies.json(ctx, result.created() ? 201 : 200,
                posts.urls().account(result.account().id()), view.toJson(result.account()));
    }
}
