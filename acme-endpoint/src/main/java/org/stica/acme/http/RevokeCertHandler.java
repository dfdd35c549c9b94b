package org.stica.acme.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.stica.acme.jws.KeyMode;
import org.stica.acme.service.RevocationService;

/** POST revokeCert (RFC 8555 §7.6): 200 with an empty body on success. */
public final class RevokeCertHandler implements Handler<RoutingContext> {
    private final SignedPosts posts;
    private final RevocationService revocations;

    public RevokeCertHandler(SignedPosts posts, RevocationService revocations) {
        this.posts = posts;
        this.revocations = revocations;
    }

    @Override
    public void handle(RoutingContext ctx) {
        posts.verify(ctx, KeyMode.JWK_OR_KID)
                .compose(revocations::revoke)
                .onSuccess(v -> ctx.response().setStatusCode(200).end())
                .onFailure(ctx::fail);
    }
}
