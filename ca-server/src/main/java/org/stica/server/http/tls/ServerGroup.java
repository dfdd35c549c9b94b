package org.stica.server.http.tls;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServer;
import io.vertx.core.net.ServerSSLOptions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The listening servers of one listener (the public port runs one per event loop, sharing its
 * socket), so that new TLS options reach every one of them. A server joins once it listens and
 * leaves before it closes.
 */
public final class ServerGroup {
    private final List<HttpServer> servers = new CopyOnWriteArrayList<>();

    /** Adds a listening server; returns it. */
    public HttpServer add(HttpServer server) {
        servers.add(server);
        return server;
    }

    public void remove(HttpServer server) {
        servers.remove(server);
    }

    public int size() {
        return servers.size();
    }

    /**
     * {@link HttpServer#updateSSLOptions} on every server: connections accepted from then on
     * use {@code options}, open ones keep their session. Fails when any server refused them
     * (that server keeps its current options).
     */
    public Future<Void> updateSsl(ServerSSLOptions options) {
        return Future.all(servers.stream().map(server -> update(server, options)).toList())
                .mapEmpty();
    }

    private static Future<Boolean> update(HttpServer server, ServerSSLOptions options) {
        try {
            return server.updateSSLOptions(options);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }
}
