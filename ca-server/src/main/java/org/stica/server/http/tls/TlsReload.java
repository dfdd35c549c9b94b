package org.stica.server.http.tls;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.ServerSSLOptions;
import java.time.Clock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
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
 *
 * <p>A listener that asks for client certificates can have its client CA file watched too
 * ({@link #trustingClientsOf}): a changed file that holds certificates is trusted for the
 * handshakes of new connections, with the pair, without a restart; one that holds none, or
 * does not parse, is refused as a bad pair is.
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
    /** The client CA file watched with the pair, if any. */
    private final Optional<Path> trustFile;
    /** Digest of the bytes last read, served or refused. */
    private volatile String seen;
    /**
     * Digest of the client CA file's bytes last read; null until the first check, which serves
     * the file from memory (the servers started from its path), so a change made while they
     * started is not missed.
     */
    private volatile String trustSeen;
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
        this.trustFile = Optional.empty();
    }

    private TlsReload(TlsReload reload, Path trustFile) {
        this.vertx = reload.vertx;
        this.listener = reload.listener;
        this.files = reload.files;
        this.base = reload.base;
        this.servers = reload.servers;
        this.clock = reload.clock;
        this.started = reload.started;
        this.seen = reload.seen;
        this.trustFile = Optional.of(trustFile);
    }

    /** This reload, also watching the client CA file whose certificates the servers trust. */
    public TlsReload trustingClientsOf(Path clientCaFile) {
        return new TlsReload(this, clientCaFile);
    }

    /** Checks the files every {@code period}. */
    public void start(Duration period) {
        LOG.info("{}: TLS with the {}; {} and {}{} are checked for changes every {} s",
                listener, started, files.certFile(), files.keyFile(),
                trustFile.map(file -> " and the client CA file " + file).orElse(""),
                period.toSeconds());
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

    /** What a check serves: the pair, and the client CA file's certificates when watched. */
    private record Material(TlsKeyPair pair, Optional<ClientCas> clientCas) {
    }

    /**
     * The pair (and client CAs) when the files' bytes changed since last read; throws when they
     * are bad.
     */
    private Optional<Material> readIfChanged() {
        byte[] cert = TlsKeyPair.bytes(files.certFile());
        byte[] key = TlsKeyPair.bytes(files.keyFile());
        String digest = TlsKeyPair.digest(cert, key);
        Optional<byte[]> trust = trustFile.map(TlsKeyPair::bytes);
        String trustDigest = trust.map(TlsKeyPair::digest).orElse(null);
        if (digest.equals(seen) && Objects.equals(trustDigest, trustSeen)) {
            return Optional.empty();
        }
        seen = digest;
        trustSeen = trustDigest;
        return Optional.of(new Material(TlsKeyPair.parse(files, cert, key, clock.instant()),
                trust.map(bytes -> ClientCas.parse(trustFile.orElseThrow(), bytes))));
    }

    private Future<Boolean> serveIfChanged(Optional<Material> changed) {
        return changed.isPresent() ? serve(changed.get()) : Future.succeededFuture(false);
    }

    private Future<Boolean> serve(Material material) {
        ServerSSLOptions options = base.copy()
                .setKeyCertOptions(material.pair().keyCertOptions());
        material.clientCas().ifPresent(cas -> options.setTrustOptions(cas.trustOptions()));
        return servers.updateSsl(options).map(v -> {
            LOG.info("{}: new connections get the {}{}", listener, material.pair(),
                    material.clientCas().map(cas -> " and trust client certificates of " + cas)
                            .orElse(""));
            return true;
        });
    }
}
