package org.stica.acme.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.stica.acme.service.NonceService;

/**
 * Gives every POST response, errors included, a fresh {@code Replay-Nonce} (RFC 8555 §6.5) by
 * issuing it before the resource handler runs.
 */
public final class ReplayNonceHandler implements Handler<RoutingContext> {
    static final String HEADER = "Replay-Nonce";

    private final NonceService nonces;

    public ReplayNonceHandler(NonceService nonces) {
        this.nonces = nonces;
    }

    @Override
    public void handle(RoutingContext ctx) {
        attach(ctx).onSuccess(v -> ctx.next()).onFailure(ctx::fail);
    }

    /** Adds a fresh nonce unless the response already has one. */
    Future<Void> attach(RoutingContext ctx) {
        if (ctx.response().headers().contains(HEADER)) {
            return Future.succeededFuture();
        }
        return nonces.issue().map(nonce -> {
            ctx.response().putHeader(HEADER, nonce);
            return null;
        });
    }
}
