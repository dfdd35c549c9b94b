package org.stica.acme.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.stica.acme.jws.KeyMode;
import org.stica.acme.model.ChallengeStatus;
import org.stica.acme.service.ChallengeService;
import org.stica.acme.service.ChallengeState;

/**
 * POST chall/{id} (RFC 8555 §7.5.1, RFC 9448 §4): answers the challenge with
 * {@code Link: <authz>;rel="up"}.
 */
public final class ChallengeHandler implements Handler<RoutingContext> {
    private final SignedPosts posts;
    private final ChallengeService challenges;
    private final ChallengeView view;

    public ChallengeHandler(SignedPosts posts, ChallengeService challenges) {
        this.posts = posts;
        this.challenges = challenges;
        this.view = new ChallengeView(posts.urls());
    }

    @Override
    public void handle(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        posts.handleFoldingNonce(ctx, KeyMode.KID, request -> challenges.respond(request, id))
                .onSuccess(state -> render(ctx, state))
                .onFailure(ctx::fail);
    }

    private void render(RoutingContext ctx, ChallengeState state) {
        Replies.link(ctx, posts.urls().authz(state.authz().id()), "up");
        Replies.retryAfterWhile(ctx,
                state.challenge().status() == ChallengeStatus.PROCESSING);
        Replies.json(ctx, 200, view.toJson(state.challenge()));
    }
}
