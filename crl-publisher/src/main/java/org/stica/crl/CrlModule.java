package org.stica.crl;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stica.crl.check.CrlSafetyCheck;
import org.stica.crl.http.CrlHandler;
import org.stica.crl.http.CrlProblemHandler;
import org.stica.crl.port.RevokedCertificateSource;
import org.stica.crl.publish.CoalescingPublisher;
import org.stica.crl.publish.CrlPublicationListener;
import org.stica.crl.publish.CrlProducer;
import org.stica.crl.publish.CrlPublishService;
import org.stica.crl.publish.CrlPublishService.Trigger;
import org.stica.crl.publish.CrlSchedule;
import org.stica.crl.publish.ServedSnapshot;
import org.stica.crl.publish.StreamingCrlBuild;
import org.stica.crl.publish.CrlSnapshot;
import org.stica.crl.publish.CrlStatus;
import org.stica.crl.publish.WaitingBuildLock;
import org.stica.crl.store.StoredCrl;
import org.stica.crl.store.pg.PgBuildLock;
import org.stica.crl.store.pg.PgCrlStore;
import org.stica.hsm.SignerPool;

/**
 * CRL publisher: builds the indirect SHAKEN CRL from {@link RevokedCertificateSource} by
 * streaming (entries read in batches, spooled to a file, the TBSCertList hashed by the signer as
 * it is written: {@link StreamingCrlBuild}), signs it through the {@link SignerPool}, checks it
 * (signature, number strictly increasing, IDP unchanged, no still-valid entry dropped) reading the
 * files, stores it in PostgreSQL in parts and serves it from its file with caching headers. Owns the tables migrated from
 * {@link #MIGRATIONS}.
 *
 * <p>Several instances may share one database: a PostgreSQL advisory lock lets one build at a
 * time, CRL numbers come from the database and the clock (never a process-local counter), and each
 * instance reloads the newest stored CRL every {@code refreshInterval}. The pool must allow
 * at least two connections (the build lock holds one while the build uses another).
 */
public final class CrlModule {
    /** Flyway location of this module's migrations (history table {@code flyway_history_crl}). */
    public static final String MIGRATIONS = "db/crl";

    private static final Logger LOG = LoggerFactory.getLogger(CrlModule.class);
    private static final Duration LOCK_POLL = Duration.ofMillis(100);
    private static final Duration LOCK_MAX_WAIT = Duration.ofSeconds(60);
    private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(30);
    /** Revoked certificates read from the source per batch (cursor fetch size). */
    private static final int BATCH_SIZE = 10_000;

    private final Vertx vertx;
    private final CrlConfig config;
    private final CrlSchedule schedule;
    private final CrlPublishService service;
    private final ServedSnapshot served;
    private final CrlHandler handler;
    private final AtomicReference<CoalescingPublisher> coalescing = new AtomicReference<>();
    private final Object timerLock = new Object();
    private long refreshTimer = -1;
    private long rebuildTimer = -1;
    private boolean stopped;

    public CrlModule(Vertx vertx, Pool pool, SignerPool signer, RevokedCertificateSource source,
                     CrlConfig config, Clock clock) {
        this(vertx, pool, signer, source, config, clock, Path.of(
                System.getProperty("java.io.tmpdir"), "stica-crl-" + UUID.randomUUID()));
    }

    /**
     * As above, keeping the DER and PEM files of built and fetched CRLs in {@code cacheDir}
     * (created when needed; superseded files are deleted).
     */
    public CrlModule(Vertx vertx, Pool pool, SignerPool signer, RevokedCertificateSource source,
                     CrlConfig config, Clock clock, Path cacheDir) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.config = Objects.requireNonNull(config, "config").validate();
        Objects.requireNonNull(signer, "signer");
        this.schedule = new CrlSchedule(config.validity(), Objects.requireNonNull(clock, "clock"));
        this.served = new ServedSnapshot(vertx);
        this.handler = new CrlHandler(served::get, schedule);
        served.onServed(snapshot -> armRebuild(schedule.rebuildAt(snapshot.crl())));
        StreamingCrlBuild build = new StreamingCrlBuild(vertx, Objects.requireNonNull(source,
                "source"), signer, config.signerAlias(), BATCH_SIZE);
        CrlSafetyCheck safety = new CrlSafetyCheck(config.signerCertificate());
        CrlProducer producer = new CrlProducer(vertx, source, build, safety, config, cacheDir);
        this.service = new CrlPublishService(new PgCrlStore(vertx, pool, cacheDir),
                new WaitingBuildLock(vertx, new PgBuildLock(pool), LOCK_POLL, LOCK_MAX_WAIT),
                producer, schedule, BATCH_SIZE);
    }

    /**
     * Loads the newest stored CRL (publishing a first one if none or stale) and starts the timers.
     */
    public Future<Void> start() {
        return service.publish(Trigger.START)
                .compose(this::adopt)
                .onSuccess(crl -> startRefreshTimer())
                .mapEmpty();
    }

    /** Builds, signs, checks, stores and serves a new CRL now (e.g. after a revocation). */
    public Future<Void> publishNow() {
        return service.publish(Trigger.REVOCATION).compose(this::adopt).mapEmpty();
    }

    /**
     * Answers a GET or HEAD of the CRL's DER or PEM path straight on the request, without a
     * router (the download verifiers make most; STANDARDS.md §6.4); false, with nothing written,
     * for any other request or before the first CRL, which the {@link #router()} then handles.
     */
    public boolean serveDirect(HttpServerRequest request) {
        HttpMethod method = request.method();
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            return false;
        }
        String path = request.path();
        Handler<Throwable> failed = e -> request.connection().close();
        if (config.servedPath().equals(path)) {
            request.routed(config.servedPath());  // the route in HTTP metrics (issue 17)
            return handler.der(request, failed);
        }
        if (!config.pemPath().equals(path)) {
            return false;
        }
        request.routed(config.pemPath());
        return handler.pem(request, failed);
    }

    /**
     * Routes GET/HEAD {@code servedPath} (DER) and {@code servedPath + ".pem"}; mount on the public
     * router with {@code publicRouter.route("/*").subRouter(crl.router())}. Failures on these two
     * paths become problem documents; other paths fall through to the parent router untouched.
     */
    public Router router() {
        CrlProblemHandler problems = new CrlProblemHandler();
        Router router = Router.router(vertx);
        router.get(config.servedPath()).handler(handler::der).failureHandler(problems::handle);
        router.head(config.servedPath()).handler(handler::der).failureHandler(problems::handle);
        router.get(config.pemPath()).handler(handler::pem).failureHandler(problems::handle);
        router.head(config.pemPath()).handler(handler::pem).failureHandler(problems::handle);
        return router;
    }

    /** The paths {@link #router()} serves: the CRL's DER path and its PEM twin. */
    public List<String> servedPaths() {
        return List.of(config.servedPath(), config.pemPath());
    }

    /**
     * Asks for a publication within {@code delay}, coalescing requests (STANDARDS.md §6.2 item 3).
     * The first call fixes the delay for the module's lifetime. A zero delay publishes at once and
     * completes when published; otherwise completes at once.
     */
    public Future<Void> publishWithin(Duration delay) {
        CoalescingPublisher publisher = coalescing.updateAndGet(p -> p != null ? p
                : new CoalescingPublisher(vertx, delay, this::publishNow));
        return publisher.request();
    }

    /** The CRL served now with its entry count (counted off the event loop), if any. */
    public Future<Optional<CrlStatus>> status() {
        CrlSnapshot snapshot = served.get();
        if (snapshot == null) {
            return Future.succeededFuture(Optional.empty());
        }
        boolean pending = coalescing.get() != null && coalescing.get().pending();
        StoredCrl crl = snapshot.crl();
        return vertx.executeBlocking(() -> Optional.of(new CrlStatus(crl.number(),
                crl.thisUpdate(), crl.nextUpdate(), snapshot.entryCount(), crl.sha256(), pending)),
                false);
    }

    /**
     * Calls {@code listener} with each CRL this instance starts serving (e.g. to write it to the
     * publication directory); register before {@link #start()}.
     */
    public void onServed(Consumer<CrlSnapshot> listener) {
        served.onServed(listener);
    }

    /**
     * Tells {@code listener} about every CRL this instance builds (duration, outcome), e.g. for
     * metrics; register before {@link #start()}.
     */
    public void onPublished(CrlPublicationListener listener) {
        service.onPublication(listener);
    }

    /** The CRL currently served, if any (for health checks and tests). */
    public Optional<StoredCrl> current() {
        return Optional.ofNullable(served.get()).map(CrlSnapshot::crl);
    }

    /** Cancels the timers; the router keeps serving the last CRL. */
    public void stop() {
        CoalescingPublisher publisher = coalescing.get();
        if (publisher != null) {
            publisher.stop();
        }
        synchronized (timerLock) {
            stopped = true;
            cancel(refreshTimer);
            cancel(rebuildTimer);
            refreshTimer = -1;
            rebuildTimer = -1;
        }
    }

    /**
     * Serves {@code crl} if it is newer than the one served now (its PEM file is written off the
     * event loop first); re-plans the rebuild timer. Completes with the CRL served afterwards.
     */
    private Future<StoredCrl> adopt(StoredCrl crl) {
        return served.adopt(crl).map(CrlSnapshot::crl);
    }

    private void startRefreshTimer() {
        synchronized (timerLock) {
            if (!stopped && refreshTimer < 0) {
                long period = config.refreshInterval().toMillis();
                refreshTimer = vertx.setPeriodic(period, id -> refresh());
            }
        }
    }

    private void refresh() {
        service.newestStored()
                .compose(this::adopt)
                .onFailure(e -> LOG.warn("reloading the newest CRL failed: {}", e.toString()))
                .onComplete(done -> alertIfExpired());
    }

    /** STANDARDS.md §6.4 item 4: never serve a CRL past its nextUpdate without alerting. */
    private void alertIfExpired() {
        CrlSnapshot snapshot = served.get();
        if (snapshot != null && !schedule.now().isBefore(snapshot.crl().nextUpdate())) {
            LOG.error("ALERT: serving CRL number {} whose nextUpdate {} has passed",
                    snapshot.crl().number(), snapshot.crl().nextUpdate());
        }
    }

    private void rebuild() {
        service.publish(Trigger.SCHEDULE)
                .compose(this::adopt)
                .onFailure(e -> LOG.error("scheduled CRL rebuild failed", e))
                .onComplete(done -> {
                    CrlSnapshot snapshot = served.get();
                    if (snapshot != null && schedule.isDue(snapshot.crl())) {
                        armRebuild(schedule.now().plus(retryDelay()));
                    }
                });
    }

    private void armRebuild(Instant at) {
        long delay = Math.max(1, Duration.between(schedule.now(), at).toMillis());
        synchronized (timerLock) {
            if (stopped) {
                return;
            }
            cancel(rebuildTimer);
            rebuildTimer = vertx.setTimer(delay, id -> rebuild());
        }
    }

    private Duration retryDelay() {
        Duration refresh = config.refreshInterval();
        return refresh.compareTo(MAX_RETRY_DELAY) < 0 ? refresh : MAX_RETRY_DELAY;
    }

    private void cancel(long timer) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }
}
