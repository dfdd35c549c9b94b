package org.stica.acme.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import org.stica.acme.service.NonceService;

/**
 * HEAD/GET newNonce (RFC 8555 §7.2): HEAD → 200, GET → 204, both with a fresh
 * {@code Replay-Nonce} and {@code Cache-Control: no-store}.
 */
public final class NewNonceHandler implements Handler<RoutingContext> {
    private final NonceService nonces;

    public NewNonceHandler(NonceService nonces) {
        this.nonces = nonces;
    }

    @Override
    public void handle(RoutingContext ctx) {
        int status = ctx.request().method() == HttpMethod.HEAD ? 200 : 204;
        nonces.issue()
                .onSuccess(nonce -> ctx.response().setStatusCode(status)
                        .putHeader(ReplayNonceHandler.HEADER, nonce)
                        .putHeader("Cache-Control", "no-store")
                        .end())
                .onFailure(ctx::fail);
    }
}
