package org.stica.server.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stica.server.config.Connections;

/**
 * Connection hygiene for one listener (issue 17; {@link Connections}): the idle timeout and the
 * HTTP/2 stream cap go into the server options; this guard closes a connection whose first
 * request's headers did not arrive within the header timeout, and a connection past the cap on
 * open connections. One guard serves every server sharing a listener's socket (the public port's
 * extra event loops), so the cap counts them all.
 *
 * <p>Cleartext HTTP/2 upgrade (h2c) is off: with it on, Vert.x announces a connection only once
 * its first bytes decide the protocol, so a client that sends nothing would escape the header
 * timeout. HTTP/2 is for TLS listeners (ALPN).
 */
public final class ConnectionGuard {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);

    private final Vertx vertx;
    private final Connections limits;
    private final AtomicInteger open = new AtomicInteger();
    /** Connections whose first request's headers have not arrived yet. */
    private final Set<HttpConnection> awaitingHeaders = ConcurrentHashMap.newKeySet();

    public ConnectionGuard(Vertx vertx, Connections limits) {
        this.vertx = vertx;
        this.limits = limits;
    }

    /**
     * {@code options} with the idle timeout, the HTTP/2 stream cap and h2c off; on a TLS
     * listener the handshake must also finish within the header timeout (a connection is
     * announced to this guard only once its handshake is done).
     */
    public HttpServerOptions apply(HttpServerOptions options) {
        return options.setIdleTimeout((int) limits.idleTimeout().toSeconds())
                .setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setSslHandshakeTimeout(limits.headerTimeout().toMillis())
                .setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS)
                .setHttp2ClearTextEnabled(false)
                .setInitialSettings(new Http2Settings()
                        .setMaxConcurrentStreams(limits.maxConcurrentStreams()));
    }

    /** A server created with {@link #apply}ed options, guarded, serving {@code handler}. */
    public HttpServer guard(HttpServer server, Handler<HttpServerRequest> handler) {
        return server.connectionHandler(this::opened).requestHandler(request -> {
            awaitingHeaders.remove(request.connection());
            handler.handle(request);
        });
    }

    /** Connections open now on this listener. */
    public int open() {
        return open.get();
    }

    private void opened(HttpConnection connection) {
        if (open.incrementAndGet() > limits.maxConnections()) {
            open.decrementAndGet();
            LOG.warn("connection from {} refused: {} connections open (http.maxConnections)",
                    connection.remoteAddress(), limits.maxConnections());
            connection.close();
            return;
        }
        awaitingHeaders.add(connection);
        long timer = vertx.setTimer(limits.headerTimeout().toMillis(), id -> {
            if (awaitingHeaders.remove(connection)) {
                connection.close();
            }
        });
        connection.closeHandler(closed -> {
            open.decrementAndGet();
            awaitingHeaders.remove(connection);
            vertx.cancelTimer(timer);
        });
    }
}
