package org.stica.server.wiring;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.stica.server.admin.AdminTlsOptions;
import org.stica.server.config.AdminTls;
import org.stica.server.config.StiCaConfig;
import org.stica.server.config.TlsFiles;
import org.stica.server.http.AccessLog;
import org.stica.server.http.ConnectionGuard;
import org.stica.server.http.PublicServerVerticle;
import org.stica.server.http.RequestIds;
import org.stica.server.http.tls.ListenerTls;
import org.stica.server.http.tls.ServerGroup;
import org.stica.server.http.tls.TlsKeyPair;
import org.stica.server.http.tls.TlsReload;
import org.stica.server.lifecycle.Lifecycle;

/**
 * Binds the listeners, each under its own {@link ConnectionGuard} (header and idle timeouts,
 * connection and HTTP/2 stream caps) and registers them in the lifecycle: the public port
 * ({@code http.host:http.port}: ACME, CRL, STI-CR; HTTPS with {@code http.tls.*}), the optional
 * plain-HTTP listener for CRLs and trust anchors ({@code http.plainHost:http.plainPort}) and the
 * admin port ({@code admin.host:admin.port}, HTTPS with {@code admin.tls.*}). A TLS listener
 * reloads its certificate when the files change ({@link TlsReload}). Every listener serves its
 * handler under {@link RequestIds} (a request id per request, the access log). Port 0 binds any
 * free port.
 */
public final class HttpListeners {
    private HttpListeners() {
    }

    /**
     * The public port: one server on the calling context's event loop, then one more per
     * further processor ({@link #moreEventLoops}), all under one guard (one connection cap for
     * the port) and, with TLS, one reload. Answers the first server (its port gives the public
     * URL when {@code publicUrl} is not set).
     */
    public static Future<HttpServer> bindPublic(Basics boot, Lifecycle lifecycle,
                                                Handler<HttpServerRequest> handler) {
        Handler<HttpServerRequest> traced = traced(boot.config(), handler);
        return readTls(boot, boot.config().http().tls())
                .compose(tls -> bindPublic(boot, lifecycle, traced, tls));
    }

    /** The public origin: {@code publicUrl} when configured, else the bound port on localhost. */
    public static String publicUrl(StiCaConfig config, HttpServer publicServer) {
        String scheme = config.http().tls().isPresent() ? "https" : "http";
        return config.publicUrl().orElse(scheme + "://localhost:" + publicServer.actualPort());
    }

    /**
     * The plain-HTTP listener when {@code http.plainPort} is set, on one event loop, serving
     * {@code handler} (the {@link org.stica.server.http.PlainHttpGate} in front of the public
     * port's handler) under its own guard.
     */
    public static Future<Optional<HttpServer>> bindPlain(Basics basics, Lifecycle lifecycle,
                                                         Handler<HttpServerRequest> handler) {
        if (basics.config().http().plain().isEmpty()) {
            return Future.succeededFuture(Optional.empty());
        }
        Vertx vertx = basics.vertx();
        StiCaConfig.Http http = basics.config().http();
        ConnectionGuard guard = new ConnectionGuard(vertx, http.limits());
        HttpServerOptions options = guard.apply(new HttpServerOptions()
                .setHost(http.plain().get().host()).setPort(http.plain().get().port()));
        return guard.guard(vertx.createHttpServer(options), traced(basics.config(), handler))
                .listen().map(server -> Optional.of(lifecycle.closingAsync("plain-HTTP port",
                        server, HttpServer::close)));
    }

    /** The admin port, with its own connection guard ({@code http.*} limits) and TLS reload. */
    public static Future<HttpServer> bindAdmin(Basics basics, Lifecycle lifecycle,
                                               Handler<HttpServerRequest> handler) {
        Handler<HttpServerRequest> traced = traced(basics.config(), handler);
        return readTls(basics, basics.config().admin().tls().map(AdminTls::files))
                .compose(tls -> bindAdmin(basics, lifecycle, traced, tls));
    }

    /** {@code handler} under request ids and the access log ({@code http.accessLog}). */
    private static Handler<HttpServerRequest> traced(StiCaConfig config,
                                                     Handler<HttpServerRequest> handler) {
        return new RequestIds(handler, new AccessLog(config.http().accessLog()));
    }

    private static Future<HttpServer> bindPublic(Basics boot, Lifecycle lifecycle,
                                                 Handler<HttpServerRequest> handler,
                                                 Optional<TlsKeyPair> tls) {
        Vertx vertx = boot.vertx();
        ConnectionGuard guard = new ConnectionGuard(vertx, boot.config().http().limits());
        HttpServerOptions options = guard.apply(new HttpServerOptions()
                .setHost(boot.config().http().host()).setPort(boot.config().http().port()));
        tls.ifPresent(pair -> ListenerTls.apply(options, pair));
        ServerGroup servers = new ServerGroup();
        return guard.guard(vertx.createHttpServer(options), handler).listen().map(servers::add)
                .map(server -> lifecycle.closingAsync("public port", server, HttpServer::close))
                .compose(server -> moreEventLoops(vertx, options, handler, guard, servers)
                        .map(loops -> closing(vertx, lifecycle, loops)).map(server))
                .onSuccess(server -> reload(boot, lifecycle, "public port", tls, options,
                        servers, Optional.empty()));
    }

    private static Optional<String> closing(Vertx vertx, Lifecycle lifecycle,
                                            Optional<String> loops) {
        return lifecycle.closingAsync("public port, more event loops", loops,
                ids -> ids.map(vertx::undeploy).orElse(null));
    }

    /**
     * Serves the public port from one event loop per processor (the first server runs on the
     * starting context): ACME requests verify signatures and encode JSON on the event loop, so
     * one loop would cap the server at one core. Servers with the same host and port share the
     * socket; port 0 (tests) would give every extra server its own random port, so it keeps one
     * loop. Answers the deployment to undeploy, if there is one.
     */
    private static Future<Optional<String>> moreEventLoops(Vertx vertx,
                                                           HttpServerOptions options,
                                                           Handler<HttpServerRequest> handler,
                                                           ConnectionGuard guard,
                                                           ServerGroup servers) {
        int extra = Runtime.getRuntime().availableProcessors() - 1;
        if (extra < 1 || options.getPort() == 0) {
            return Future.succeededFuture(Optional.empty());
        }
        return vertx.deployVerticle(() -> new PublicServerVerticle(options, handler, guard,
                        servers), new DeploymentOptions().setInstances(extra))
                .map(Optional::of);
    }

    private static Future<HttpServer> bindAdmin(Basics basics, Lifecycle lifecycle,
                                                Handler<HttpServerRequest> handler,
                                                Optional<TlsKeyPair> tls) {
        StiCaConfig config = basics.config();
        ConnectionGuard guard = new ConnectionGuard(basics.vertx(), config.http().limits());
        HttpServerOptions options = guard.apply(new HttpServerOptions()
                .setHost(config.admin().host()).setPort(config.admin().port()));
        tls.ifPresent(pair -> AdminTlsOptions.apply(options, config.admin().tls().get(), pair));
        ServerGroup servers = new ServerGroup();
        return guard.guard(basics.vertx().createHttpServer(options), handler).listen()
                .map(servers::add)
                .map(server -> lifecycle.closingAsync("admin port", server, HttpServer::close))
                .onSuccess(server -> reload(basics, lifecycle, "admin port", tls, options,
                        servers, config.admin().tls().flatMap(AdminTls::clientCaFile)));
    }

    /** Reads and checks a listener's certificate and key off the event loop, when it has TLS. */
    private static Future<Optional<TlsKeyPair>> readTls(Basics basics, Optional<TlsFiles> files) {
        if (files.isEmpty()) {
            return Future.succeededFuture(Optional.empty());
        }
        return basics.vertx().executeBlocking(() -> Optional.of(TlsKeyPair.read(files.get(),
                basics.clock().instant())));
    }

    /**
     * With TLS, watches the listener's files (and its client CA file, when it asks for client
     * certificates) and serves a change on every server.
     */
    private static void reload(Basics basics, Lifecycle lifecycle, String listener,
                               Optional<TlsKeyPair> tls, HttpServerOptions options,
                               ServerGroup servers, Optional<Path> clientCaFile) {
        if (tls.isEmpty()) {
            return;
        }
        Duration period = basics.config().http().tlsReload();
        TlsReload watching = new TlsReload(basics.vertx(), listener, tls.get(),
                options.getSslOptions(), servers, basics.clock());
        lifecycle.started(listener + " TLS reload", clientCaFile
                        .map(watching::trustingClientsOf).orElse(watching),
                reload -> reload.start(period), TlsReload::stop);
    }
}
