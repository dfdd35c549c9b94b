package org.stica.acme.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.stica.acme.jws.KeyMode;
import org.stica.acme.service.KeyChangeService;

/** POST keyChange (RFC 8555 §7.3.5): 200 with the account object after the key swap. */
public final class KeyChangeHandler implements Handler<RoutingContext> {
    private final SignedPosts posts;
    private final KeyChangeService keyChanges;
    private final AccountView view;

    public KeyChangeHandler(SignedPosts posts, KeyChangeService keyChanges) {
        this.posts = posts;
        this.keyChanges = keyChanges;
        this.view = new AccountView(posts.urls());
    }

    @Override
    public void handle(RoutingContext ctx) {
        posts.verify(ctx, KeyMode.KID)
                .compose(keyChanges::change)
                .onSuccess(account -> Replies.json(ctx, 200,
                        posts.urls().account(account.id()), view.toJson(account)))
                .onFailure(ctx::fail);
    }
}
