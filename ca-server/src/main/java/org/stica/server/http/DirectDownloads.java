package org.stica.server.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The public port's request handler: the downloads verifiers make most (the CRL, x5u chains
 * already in memory) are answered straight on the request, without building a routing context;
 * everything else, and anything a direct handler declines, goes to the router. A direct handler
 * answers {@code true} only when it has written the response.
 */
public final class DirectDownloads implements Handler<HttpServerRequest> {
    private final List<Predicate<HttpServerRequest>> direct = new CopyOnWriteArrayList<>();
    private final Handler<HttpServerRequest> router;

    public DirectDownloads(Handler<HttpServerRequest> router) {
        this.router = Objects.requireNonNull(router, "router");
    }

    /** Adds a direct handler, tried in the order added. */
    public DirectDownloads add(Predicate<HttpServerRequest> handler) {
        direct.add(Objects.requireNonNull(handler, "handler"));
        return this;
    }

    @Override
    public void handle(HttpServerRequest request) {
        for (Predicate<HttpServerRequest> handler : direct) {
            if (handler.test(request)) {
                return;
            }
        }
        router.handle(request);
    }
}
