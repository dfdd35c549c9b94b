package org.stica.crl.arl;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stica.crl.CrlException;
import org.stica.crl.check.CrlCoverageCheck;
import org.stica.crl.http.CrlHandler;
import org.stica.crl.http.CrlProblemHandler;
import org.stica.crl.port.RevokedCaSource;
import org.stica.crl.port.RevokedEntry;
import org.stica.crl.publish.CrlSchedule;
import org.stica.crl.publish.CrlSnapshot;
import org.stica.crl.publish.ServedSnapshot;
import org.stica.crl.publish.WaitingBuildLock;
import org.stica.crl.store.StoredCrl;
import org.stica.crl.store.pg.PgArlStore;
import org.stica.crl.store.pg.PgBuildLock;
import org.stica.hsm.SignerPool;

/**
 * The root's ARL, stored in PostgreSQL (table {@code arl}) so that every instance sharing the
 * database serves the same bytes: under an advisory lock one instance signs a new ARL through the
 * signer pool when none is stored, the newest is due (half its validity) or it does not list every
 * revoked CA certificate of {@link RevokedCaSource}; every instance reloads the newest ARL every
 * {@code refreshInterval}. The CRL Number is {@code max(previous + 1, thisUpdate in epoch ms)},
 * read from the database (no process-local counter). Served at {@code path} with the same
 * caching rules as the SHAKEN CRL (DER, {@code application/pkix-crl}, ETag, Last-Modified,
 * Cache-Control, 304, HEAD).
 */
public final class ArlModule {
    private static final Logger LOG = LoggerFactory.getLogger(ArlModule.class);
    private static final Duration LOCK_POLL = Duration.ofMillis(100);
    private static final Duration LOCK_MAX_WAIT = Duration.ofSeconds(60);

    private final Vertx vertx;
    private final SignerPool signer;
    private final String rootAlias;
    private final X509Certificate root;
    private final String path;
    private final CrlSchedule schedule;
    private final Clock clock;
    private final RevokedCaSource source;
    private final PgArlStore store;
    private final WaitingBuildLock lock;
    private final Duration refreshInterval;
    private final ServedSnapshot served;
    private long rebuildTimer = -1;
    private long refreshTimer = -1;

    /**
     * @param refreshInterval how often the newest stored ARL is reloaded (another instance may
     *                        have signed one)
     */
    public ArlModule(Vertx vertx, Pool pool, SignerPool signer, String rootAlias,
                     X509Certificate root, String path, Duration validity,
                     Duration refreshInterval, RevokedCaSource source, Clock clock) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.rootAlias = Objects.requireNonNull(rootAlias, "rootAlias");
        this.root = Objects.requireNonNull(root, "root");
        this.path = Objects.requireNonNull(path, "path");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.source = Objects.requireNonNull(source, "source");
        this.refreshInterval = Objects.requireNonNull(refreshInterval, "refreshInterval");
        this.schedule = new CrlSchedule(validity, clock);
        this.served = new ServedSnapshot(vertx);
        this.store = new PgArlStore(vertx, pool, Path.of(System.getProperty("java.io.tmpdir"),
                "stica-arl-" + UUID.randomUUID()));
        this.lock = new WaitingBuildLock(vertx, new PgBuildLock(pool, PgArlStore.ARL_BUILD_KEY),
                LOCK_POLL, LOCK_MAX_WAIT);
    }

    /** Serves the newest stored ARL (signing one if needed) and arms the timers. */
    public Future<Void> start() {
        return publishNow().onSuccess(v -> {
            long rebuild = Math.max(1000, schedule.validity().dividedBy(2).toMillis());
            rebuildTimer = vertx.setPeriodic(rebuild, id -> publishNow()
                    .onFailure(e -> LOG.error("re-signing the ARL failed", e)));
            armRefresh();
        });
    }

    /**
     * Serves the newest stored ARL and reloads it every {@code refreshInterval}, never signing
     * one: the root is offline and ARLs are signed in {@code ceremony arl} and stored in the same
     * table (issue 16). Without a stored ARL, {@code path} answers 503 until one is stored.
     */
    public Future<Void> serveStored() {
        return reload().onSuccess(v -> {
            if (served.get() == null) {
                LOG.warn("no ARL is stored: {} is not served until an `arl` ceremony stores"
                        + " one", path);
            }
            armRefresh();
        });
    }

    private void armRefresh() {
        refreshTimer = vertx.setPeriodic(Math.max(100, refreshInterval.toMillis()),
                id -> reload().onFailure(e -> LOG.warn("reloading the ARL failed: {}",
                        e.toString())));
    }

    private Future<Void> reload() {
        return store.newest().compose(newest -> newest.map(this::adopt)
                .orElseGet(() -> Future.succeededFuture()));
    }

    /**
     * Makes sure the served ARL lists every revoked CA certificate and is not due, signing and
     * storing a new one when needed (e.g. right after a CA key revocation).
     */
    public Future<Void> publishNow() {
        return lock.runWhenFree(waited -> store.newest().compose(this::publishIfNeeded))
                .compose(this::adopt);
    }

    public void stop() {
        for (long timer : new long[] {rebuildTimer, refreshTimer}) {
            if (timer >= 0) {
                vertx.cancelTimer(timer);
            }
        }
    }

    /** GET/HEAD {@code path}. */
    public Router router() {
        CrlHandler handler = new CrlHandler(served::get, schedule);
        CrlProblemHandler problems = new CrlProblemHandler();
        Router router = Router.router(vertx);
        router.get(path).handler(handler::der).failureHandler(problems::handle);
        router.head(path).handler(handler::der).failureHandler(problems::handle);
        return router;
    }

    /** Calls {@code listener} with each ARL this instance starts serving; register first. */
    public void onServed(Consumer<CrlSnapshot> listener) {
        served.onServed(listener);
    }

    /** The ARL served now, if any. */
    public Optional<StoredCrl> current() {
        return Optional.ofNullable(served.get()).map(CrlSnapshot::crl);
    }

    private Future<StoredCrl> publishIfNeeded(Optional<StoredCrl> newest) {
        return source.revokedCaCertificates().compose(entries -> {
            if (newest.isEmpty() || schedule.isDue(newest.get())) {
                return sign(newest, entries);
            }
            return vertx.executeBlocking(() -> new CrlCoverageCheck().covers(
                    newest.get().file(), entries), false)
                    .compose(covered -> covered ? Future.succeededFuture(newest.get())
                            : sign(newest, entries));
        });
    }

    private Future<StoredCrl> sign(Optional<StoredCrl> previous, List<RevokedEntry> entries) {
        Instant thisUpdate = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant nextUpdate = thisUpdate.plus(schedule.validity());
        BigInteger fromTime = BigInteger.valueOf(thisUpdate.toEpochMilli());
        BigInteger number = previous.map(p -> p.number().add(BigInteger.ONE).max(fromTime))
                .orElse(fromTime);
        ArlBuilder builder = new ArlBuilder();
        return signer.withSigner(rootAlias, contentSigner -> builder.build(root, number,
                        thisUpdate, nextUpdate, entries, contentSigner))
                .compose(der -> vertx.executeBlocking(() -> {
                    verifySignature(der);
                    return StoredCrl.of(number, thisUpdate, nextUpdate, der);
                }, false))
                .compose(store::insertIfNewer)
                .onSuccess(stored -> LOG.info("signed ARL number {} listing {} CA certificate(s)",
                        stored.number(), entries.size()));
    }

    /** The safety check before storing: the ARL verifies with the root's key. */
    private void verifySignature(byte[] der) throws IOException {
        try {
            if (!new X509CRLHolder(der).isSignatureValid(
                    new JcaContentVerifierProviderBuilder().build(root))) {
                throw new CrlException(CrlException.Kind.UNSAFE,
                        "the ARL signature does not verify with the root certificate");
            }
        } catch (org.bouncycastle.operator.OperatorCreationException
                 | org.bouncycastle.cert.CertException e) {
            throw new CrlException(CrlException.Kind.UNSAFE, "cannot verify the ARL", e);
        }
    }

    private Future<Void> adopt(StoredCrl arl) {
        return served.adopt(arl).mapEmpty();
    }
}
