package org.stica.server.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/**
 * One more listener of the public HTTP server on its own event loop. The server binds its port
 * once; further instances deployed with the same host and port share the socket, Vert.x spreads
 * the connections over their event loops, and every instance serves the same router. Lifecycle
 * only.
 */
public final class PublicServerVerticle extends VerticleBase {
    private final HttpServerOptions options;
    private final Handler<HttpServerRequest> router;
    private final ConnectionGuard guard;

    public PublicServerVerticle(HttpServerOptions options, Handler<HttpServerRequest> router,
                                ConnectionGuard guard) {
        this.options = new HttpServerOptions(options);
        this.router = router;
        this.guard = guard;
    }

    @Override
    public Future<?> start() {
        HttpServer server = guard.guard(vertx.createHttpServer(options), router);
        return server.listen();
    }
}
