package org.stica.server.http.tls;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.ServerSSLOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stica.server.config.TlsFiles;

/**
 * Serves a listener's new certificate once its files change, without a restart or a dropped
 * connection (issue 17): every period both files are read off the event loop; when their bytes
 * differ from those last read, the new pair is checked ({@link TlsKeyPair}) and handed to every
 * server of the listener ({@link ServerGroup#updateSsl}), so connections accepted from
 * then on get it while open ones keep their session. A pair that fails the check (half-written,
 * mismatched, expired) or that a server refuses is logged once as a warning and the current one
 * stays; the next change of the files is tried again.
 */
public final class TlsReload {
    private static final Logger LOG = LoggerFactory.getLogger(TlsReload.class);

    private final Vertx vertx;
    private final String listener;
    private final TlsFiles files;
    private final ServerSSLOptions base;
    private final ServerGroup servers;
    private final Clock clock;
    private final TlsKeyPair started;
    /** Digest of the bytes last read, served or refused. */
    private volatile String seen;
    private long timer = -1;

    /**
     * @param listener what the log calls the listener, e.g. {@code public port}
     * @param current  the pair the servers were started with (and the files it came from)
     * @param base     the listener's TLS options; a reload replaces only their key material
     */
    public TlsReload(Vertx vertx, String listener, TlsKeyPair current, ServerSSLOptions base,
                     ServerGroup servers, Clock clock) {
        this.vertx = vertx;
        this.listener = listener;
        this.files = current.files();
        this.base = base.copy();
        this.servers = servers;
        this.clock = clock;
        this.started = current;
        this.seen = current.digest();
    }

    /** Checks the files every {@code period}. */
    public void start(Duration period) {
        LOG.info("{}: TLS with the {}; {} and {} are checked for changes every {} s",
                listener, started, files.certFile(), files.keyFile(), period.toSeconds());
        timer = vertx.setPeriodic(period.toMillis(), id -> check());
    }

    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /**
     * Reads the files once; completes with true when a changed, valid pair was handed to every
     * server, false otherwise (unchanged, or refused and logged). Never fails.
     */
    public Future<Boolean> check() {
        return vertx.executeBlocking(this::readIfChanged)
                .compose(this::serveIfChanged)
                .recover(refused -> {
                    LOG.warn("{}: new TLS certificate or key refused, still serving the current"
                            + " one: {}", listener, refused.getMessage());
                    return Future.succeededFuture(false);
                });
    }

    /** The new pair when the files' bytes changed since last read; throws when it is bad. */
    private Optional<TlsKeyPair> readIfChanged() {
        byte[] cert = TlsKeyPair.bytes(files.certFile());
        byte[] key = TlsKeyPair.bytes(files.keyFile());
        String digest = TlsKeyPair.digest(cert, key);
        if (digest.equals(seen)) {
            return Optional.empty();
        }
        seen = digest;
        return Optional.of(TlsKeyPair.parse(files, cert, key, clock.instant()));
    }

    private Future<Boolean> serveIfChanged(Optional<TlsKeyPair> changed) {
        return changed.isPresent() ? serve(changed.get()) : Future.succeededFuture(false);
    }

    private Future<Boolean> serve(TlsKeyPair pair) {
        return servers.updateSsl(base.copy().setKeyCertOptions(pair.keyCertOptions()))
                .map(v -> {
                    LOG.info("{}: new connections get the {}", listener, pair);
                    return true;
                });
    }
}
