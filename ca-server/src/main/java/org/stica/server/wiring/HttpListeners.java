package org.stica.server.wiring;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.Optional;
import org.stica.server.admin.AdminTlsOptions;
import org.stica.server.config.StiCaConfig;
import org.stica.server.http.ConnectionGuard;
import org.stica.server.http.PublicServerVerticle;

/**
 * Binds the public port ({@code http.host:http.port}: ACME, CRL, STI-CR) and the admin port
 * ({@code admin.host:admin.port}, optionally TLS), each under a {@link ConnectionGuard}
 * (header and idle timeouts, connection and HTTP/2 stream caps). Port 0 binds any free port.
 */
public final class HttpListeners {
    private HttpListeners() {
    }

    /**
     * The public port, bound on the calling context's event loop, under {@code guard} (shared
     * with {@link #moreEventLoops}: one connection cap for the port).
     */
    public static Future<HttpServer> listenPublic(Vertx vertx, StiCaConfig config,
                                                  Handler<HttpServerRequest> handler,
                                                  ConnectionGuard guard) {
        return guard.guard(vertx.createHttpServer(guard.apply(publicOptions(config))), handler)
                .listen();
    }

    /** The public origin: {@code publicUrl} when configured, else the bound port on localhost. */
    public static String publicUrl(StiCaConfig config, HttpServer publicServer) {
        return config.publicUrl().orElse("http://localhost:" + publicServer.actualPort());
    }

    /**
     * Serves the public port from one event loop per processor (the first server runs on the
     * starting context): ACME requests verify signatures and encode JSON on the event loop, so
     * one loop would cap the server at one core. Servers with the same host and port share the
     * socket; port 0 (tests) would give every extra server its own random port, so it keeps one
     * loop. Answers the deployment to undeploy, if there is one.
     */
    public static Future<Optional<String>> moreEventLoops(Vertx vertx, StiCaConfig config,
                                                          Handler<HttpServerRequest> handler,
                                                          ConnectionGuard guard) {
        HttpServerOptions options = guard.apply(publicOptions(config));
        int extra = Runtime.getRuntime().availableProcessors() - 1;
        if (extra < 1 || options.getPort() == 0) {
            return Future.succeededFuture(Optional.empty());
        }
        return vertx.deployVerticle(() -> new PublicServerVerticle(options, handler, guard),
                        new DeploymentOptions().setInstances(extra))
                .map(Optional::of);
    }

    /** The admin port, with its own connection guard ({@code http.*} limits). */
    public static Future<HttpServer> listenAdmin(Vertx vertx, StiCaConfig config,
                                                 Handler<HttpServerRequest> handler) {
        ConnectionGuard guard = new ConnectionGuard(vertx, config.http().limits());
        HttpServerOptions options = AdminTlsOptions.apply(guard.apply(new HttpServerOptions()
                .setHost(config.admin().host()).setPort(config.admin().port())),
                config.admin().tls());
        return guard.guard(vertx.createHttpServer(options), handler).listen();
    }

    private static HttpServerOptions publicOptions(StiCaConfig config) {
        return new HttpServerOptions().setHost(config.http().host()).setPort(config.http().port());
    }
}
