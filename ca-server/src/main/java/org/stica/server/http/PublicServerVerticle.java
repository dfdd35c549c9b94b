package org.stica.server.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import org.stica.server.http.tls.ServerGroup;

/**
 * One more listener of the public HTTP server on its own event loop. The server binds its port
 * once; further instances deployed with the same host and port share the socket, Vert.x spreads
 * the connections over their event loops, and every instance serves the same router. Each joins
 * the listener's {@link ServerGroup} while it listens, so a TLS reload reaches it. Lifecycle
 * only.
 */
public final class PublicServerVerticle extends VerticleBase {
    private final HttpServerOptions options;
    private final Handler<HttpServerRequest> router;
    private final ConnectionGuard guard;
    private final ServerGroup servers;
    private HttpServer server;

    public PublicServerVerticle(HttpServerOptions options, Handler<HttpServerRequest> router,
                                ConnectionGuard guard, ServerGroup servers) {
        this.options = new HttpServerOptions(options);
        this.router = router;
        this.guard = guard;
        this.servers = servers;
    }

    @Override
    public Future<?> start() {
        server = guard.guard(vertx.createHttpServer(options), router);
        return server.listen().map(servers::add);
    }

    @Override
    public Future<?> stop() {
        servers.remove(server);
        return server.close();
    }
}
