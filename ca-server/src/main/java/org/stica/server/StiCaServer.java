package org.stica.server;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stica.acme.AcmeModule;
import org.stica.acme.port.CertificateAuthority;
import org.stica.acme.service.InterruptedWorkService;
import org.stica.hsm.KeyVault;
import org.stica.hsm.KeyVaultFactory;
import org.stica.hsm.SignerPool;
import org.stica.server.acmeport.SubscriberHolders;
import org.stica.server.admin.contract.AdminContract;
import org.stica.server.audit.AuditLog;
import org.stica.server.audit.AuditModule;
import org.stica.server.ca.CaHierarchy;
import org.stica.server.ca.CaInitializer;
import org.stica.server.ca.KeyVaultSettings;
import org.stica.server.config.StiCaConfig;
import org.stica.server.ecosystem.EcosystemCrl;
import org.stica.server.http.DirectDownloads;
import org.stica.server.http.DrainGate;
import org.stica.server.http.PlainHttpGate;
import org.stica.server.http.RequestIds;
import org.stica.server.issuance.ReservationRecovery;
import org.stica.server.lifecycle.InFlight;
import org.stica.server.lifecycle.Lifecycle;
import org.stica.server.lifecycle.TrackedAuditLog;
import org.stica.server.metrics.ServerMetrics;
import org.stica.server.notify.ExpiryWarningScanner;
import org.stica.server.notify.WebhookDispatcher;
import org.stica.server.notify.store.pg.PgExpiryWarnings;
import org.stica.server.notify.store.pg.PgWebhookStore;
import org.stica.server.pa.PaModule;
import org.stica.server.retention.RetentionSweeper;
import org.stica.server.schema.SchemaMigrator;
import org.stica.server.store.pg.PgCaKeyStore;
import org.stica.server.store.pg.PgCertificateStore;
import org.stica.server.store.pg.PgPools;
import org.stica.server.wiring.AcmeParts;
import org.stica.server.wiring.AdminSite;
import org.stica.server.wiring.Basics;
import org.stica.server.wiring.CrlParts;
import org.stica.server.wiring.DatabaseParts;
import org.stica.server.wiring.EcosystemParts;
import org.stica.server.wiring.HttpListeners;
import org.stica.server.wiring.IssuanceParts;
import org.stica.server.wiring.KeyParts;
import org.stica.server.wiring.Modules;
import org.stica.server.wiring.Opening;
import org.stica.server.wiring.PublicSite;
import org.stica.server.wiring.TrustParts;

/**
 * The running STI-CA and its composition root (ARCHITECTURE.md §7): what the CLI's
 * {@code serve} and the tests start. {@link #start} migrates the schema and opens the KeyVault
 * off the event loop, checks the CA hierarchy exists, binds the public port, builds the modules
 * on a worker thread (factories in {@code org.stica.server.wiring}), starts them, and binds the
 * plain-HTTP listener (if configured) and the admin port. Every part is registered in one
 * {@link Lifecycle} as it starts; {@link #close()} drains the requests in flight, then closes
 * the parts in reverse order. Nothing is kept only in process memory that another instance
 * would need, so several instances may share one database.
 */
public final class StiCaServer {
    private static final Logger LOG = LoggerFactory.getLogger(StiCaServer.class);
    /** How often every instance re-reads ca_key for a rolled-over intermediate. */
    private static final Duration ISSUER_RELOAD = Duration.ofSeconds(5);

    private final Basics basics;
    private final Lifecycle lifecycle;
    private final InFlight inFlight;
    private final HttpServer publicServer;
    private final Optional<HttpServer> plainServer;
    private final HttpServer adminServer;
    private final Modules modules;

    private StiCaServer(Listening listening, HttpServer adminServer) {
        Built built = listening.built();
        this.basics = built.bound().basics();
        this.lifecycle = built.lifecycle();
        this.inFlight = built.inFlight();
        this.publicServer = built.bound().publicServer();
        this.plainServer = listening.plainServer();
        this.adminServer = adminServer;
        this.modules = built.modules();
    }

    /** The public port bound (so the public URL is known) and the CA state loaded. */
    private record Bound(Basics basics, Opening opened, DatabaseParts db,
                         HttpServer publicServer) {
    }

    /** The modules built and the routers mounted, ready to start. */
    private record Built(Bound bound, Lifecycle lifecycle, InFlight inFlight, Modules modules,
                         Router adminRouter, Handler<HttpServerRequest> plainHandler) {
    }

    /** The parts started and the plain-HTTP listener bound, if configured. */
    private record Listening(Built built, Optional<HttpServer> plainServer) {
    }

    /** Starts a server; on failure everything started so far is closed again. */
    public static Future<StiCaServer> start(Vertx vertx, StiCaConfig config) {
        return start(vertx, config, Clock.systemUTC());
    }

    /** As {@link #start(Vertx, StiCaConfig)} with an injected clock (tests). */
    public static Future<StiCaServer> start(Vertx vertx, StiCaConfig config, Clock clock) {
        Lifecycle lifecycle = new Lifecycle();
        InFlight inFlight = new InFlight(vertx);
        Basics boot = new Basics(vertx, config, clock, lifecycle.closing("metrics",
                ServerMetrics.of(vertx, clock), ServerMetrics::close));
        Router publicRouter = Router.router(vertx);
        publicRouter.route().handler(RequestIds::routed);
        publicRouter.route().handler(new DrainGate(inFlight, AcmeParts.BASE_PATH));
        DirectDownloads publicHandler = new DirectDownloads(publicRouter);
        Future<AdminContract> adminContract = AdminContract.load(vertx);
        return vertx.executeBlocking(() -> Opening.run(boot, lifecycle))
                .compose(opened -> DatabaseParts.load(opened.pool(), vertx,
                                opened.keys().vault())
                        .compose(db -> bindPublic(boot, lifecycle, opened, db, publicHandler)))
                .compose(bound -> adminContract.compose(contract -> vertx.executeBlocking(() ->
                        build(bound, contract, lifecycle, inFlight, publicRouter, publicHandler),
                        false)))
                .compose(built -> startParts(built).map(built))
                .compose(StiCaServer::bindPlain)
                .compose(StiCaServer::bindAdmin)
                .onSuccess(server -> LOG.info("STI-CA serving {} (admin on {}:{})",
                        server.directoryUrl(), config.admin().host(), server.adminPort()))
                .recover(failure -> lifecycle.close()
                        .transform(closed -> Future.<StiCaServer>failedFuture(failure)));
    }

    /**
     * {@code init-ca}: migrates the schema, opens the KeyVault and creates the CA hierarchy
     * ({@link CaInitializer}). Under the STI-PA ({@code ecosystem.mode=sti-pa}) the STI-PA CRL
     * is downloaded and verified first, and nothing is created unless it is
     * ({@link EcosystemCrl#forSetUp}). Blocking: call from a plain thread, never an event loop.
     */
    public static CaHierarchy initCa(StiCaConfig config) {
        SchemaMigrator.migrate(config.database());
        Vertx vertx = Vertx.vertx();
        try (KeyVault vault = KeyVaultFactory.open(KeyVaultSettings.forInit(config))) {
            Pool pool = PgPools.create(vertx, config.database());
            try {
                Clock clock = Clock.systemUTC();
                return new CaInitializer(vault, new PgCaKeyStore(pool), config, clock,
                        EcosystemCrl.forSetUp(vertx, pool, config, clock)).run();
            } finally {
                pool.close().await();
            }
        } finally {
            vertx.close().await();
        }
    }

    private static Future<Bound> bindPublic(Basics boot, Lifecycle lifecycle, Opening opened,
                                            DatabaseParts db, DirectDownloads handler) {
        return HttpListeners.bindPublic(boot, lifecycle, handler)
                .map(server -> new Bound(boot.withPublicUrl(HttpListeners.publicUrl(
                        boot.config(), server)), opened, db, server));
    }

    /**
     * Builds the modules on a worker thread (loading thousands of classes blocked an event loop
     * for about a second; house rule 4), the admin API checked against {@code adminContract}
     * (loaded beforehand). Parts that hold a resource from construction on are registered at
     * once.
     */
    private static Built build(Bound bound, AdminContract adminContract, Lifecycle lifecycle,
                               InFlight inFlight, Router publicRouter,
                               DirectDownloads publicHandler) {
        Basics basics = bound.basics();
        DatabaseParts db = bound.db();
        KeyParts keys = bound.opened().keys();
        SignerPool signer = lifecycle.closing("signer pool", new SignerPool(basics.vertx(),
                keys.vault(), basics.config().hsm().maxSessions(),
                basics.config().recovery().signTimeout(), basics.metrics().signer()),
                SignerPool::close);
        basics.metrics().watch(signer);
        AuditModule audit = new AuditModule(basics.vertx(), db.pool(), signer,
                keys.auditSignerKey(), basics.clock());
        // closed after the ports and the parts registered below, before the signer and the pool
        lifecycle.onClose("audit outbox (last drain)", audit::flushOutbox);
        basics.metrics().watch(audit.checkpointer());
        AuditLog auditLog = new TrackedAuditLog(basics.metrics().timed(audit.log()), inFlight);
        PgCertificateStore certificates = new PgCertificateStore(db.pool());
        TrustParts trust = lifecycle.closing("x5u fetcher",
                TrustParts.build(basics, db.pool(), auditLog, audit.batchedOutbox(),
                        bound.opened().claimTokenAnchors()), t -> t.fetcher().close());
        EcosystemParts ecosystem = EcosystemParts.build(basics, db, signer, trust, auditLog);
        CrlParts crl = CrlParts.build(basics, db, signer, certificates, keys.rootOnline());
        IssuanceParts issuance = IssuanceParts.build(basics, db, signer, crl, certificates,
                auditLog, audit.outbox(), audit.batchedOutbox(), ecosystem.crl());
        Optional<PaModule> pa = keys.paKeys().map(paKeys -> new PaModule(basics.vertx(),
                db.pool(), basics.config(), basics.publicUrl(), new PaModule.Wiring(paKeys,
                signer, issuance.revocation()::revokeBySerial, auditLog,
                List.of(db.hierarchy().root()), ecosystem.crl().namedUrl()),
                basics.clock()));
        Pool asyncCommit = lifecycle.closingAsync("database pool (async commit)",
                PgPools.createAsyncCommit(basics.vertx(), basics.config().database()), Pool::close);
        SubscriberHolders holders = lifecycle.closingAsync("subscriber listener",
                AcmeParts.subscriberHolders(basics, db), SubscriberHolders::close);
        AcmeModule acme = lifecycle.closingAsync("ACME account listener",
                AcmeParts.build(basics, db, asyncCommit, holders, issuance, trust, auditLog),
                AcmeModule::close);
        Modules modules = new Modules(signer, audit, auditLog, crl, issuance, trust, pa, acme,
                ecosystem, holders);
        PublicSite.mount(publicRouter, publicHandler, basics, db, modules);
        return new Built(bound, lifecycle, inFlight, modules,
                AdminSite.router(basics, db, keys, modules, inFlight, adminContract),
                new PlainHttpGate(PublicSite.plainPaths(modules), publicHandler,
                        basics.publicUrl()));
    }

    /**
     * Starts the built parts on the event loop, each registered before it starts: timers and
     * sweepers (a new sweeper is one more {@code lifecycle.started} line here), the ACME
     * replay-nonce key, the PA role, the trust snapshot, the x5u allow-list, the CRL and ARL.
     */
    private static Future<Void> startParts(Built built) {
        Lifecycle lifecycle = built.lifecycle();
        Basics basics = built.bound().basics();
        Vertx vertx = basics.vertx();
        DatabaseParts db = built.bound().db();
        Modules m = built.modules();
        lifecycle.closingAsync("event-loop delay probe", basics.metrics().probeEventLoops(vertx),
                deployed -> deployed.compose(vertx::undeploy));
        lifecycle.started("audit checkpoints", m.audit(), AuditModule::start, AuditModule::stop);
        lifecycle.started("issuer reload", db.issuers(), i -> i.start(vertx, ISSUER_RELOAD),
                i -> i.stop(vertx));
        Duration sweepPeriod = basics.config().recovery().sweepPeriod();
        lifecycle.started("reservation recovery", m.issuance().reservationRecovery(),
                r -> r.start(sweepPeriod), ReservationRecovery::stop);
        lifecycle.started("interrupted-work sweeper", m.issuance().interruptedWork(),
                s -> s.start(sweepPeriod), InterruptedWorkService::stop);
        lifecycle.closingAsync("retention sweeper", RetentionSweeper.create(vertx, db.pool(),
                basics.config().retention(), basics.config().pa().tokenClockSkew(),
                basics.clock()), RetentionSweeper::stop).start();
        lifecycle.started("webhook dispatcher", new WebhookDispatcher(vertx,
                new PgWebhookStore(db.pool()), basics.config().notifications(), basics.clock()),
                WebhookDispatcher::start, WebhookDispatcher::stop);
        // until the subscriber registry is wired in, no SPC has a subscriber to warn
        lifecycle.started("expiry warnings", new ExpiryWarningScanner(vertx,
                new PgExpiryWarnings(db.pool()), m.issuance().events()::subscriberOf,
                basics.config().notifications(), basics.clock()),
                ExpiryWarningScanner::start, ExpiryWarningScanner::stop);
        List<X509Certificate> seed = new ArrayList<>(built.bound().opened().anchors().roots());
        built.bound().opened().keys().paKeys().ifPresent(keys -> seed.add(keys.root()));
        return m.acme().start()
                // the PA role's own CRL exists before the trust module first fetches it
                .compose(v -> m.pa().map(pa -> lifecycle.start("PA role", pa::start, pa::stop))
                        .orElseGet(Future::succeededFuture))
                .compose(v -> lifecycle.start("STI-PA trust", () -> m.trust().trust().start(seed),
                        m.trust().trust()::stop))
                .compose(v -> lifecycle.start("x5u allow-list reload", () -> m.trust().allowList()
                        .start(basics.config().pa().trustReload()), m.trust().allowList()::stop))
                .compose(v -> lifecycle.start("CRL publisher", m.crl().crl()::start,
                        m.crl().crl()::stop))
                .compose(v -> lifecycle.start("ARL publisher", m.crl()::startArl,
                        m.crl().arl()::stop))
                .compose(v -> m.crl().writeStatic(db.hierarchy()));
    }

    private static Future<Listening> bindPlain(Built built) {
        return HttpListeners.bindPlain(built.bound().basics(), built.lifecycle(),
                built.plainHandler()).map(plain -> new Listening(built, plain));
    }

    private static Future<StiCaServer> bindAdmin(Listening listening) {
        Built built = listening.built();
        return HttpListeners.bindAdmin(built.bound().basics(), built.lifecycle(),
                built.adminRouter()).map(server -> new StiCaServer(listening, server));
    }

    /** The ACME directory URL. */
    public String directoryUrl() {
        return publicUrl() + AcmeParts.BASE_PATH + "/directory";
    }

    /** The public origin (ACME, CRL, STI-CR), without trailing slash. */
    public String publicUrl() {
        return basics.publicUrl();
    }

    public int publicPort() {
        return publicServer.actualPort();
    }

    /** The plain-HTTP listener's port, when {@code http.plainPort} is set. */
    public Optional<Integer> plainPort() {
        return plainServer.map(HttpServer::actualPort);
    }

    public int adminPort() {
        return adminServer.actualPort();
    }

    /** The issuance/revocation service the ACME endpoint uses (for tests and tools). */
    public CertificateAuthority certificateAuthority() {
        return modules.issuance().issuance();
    }

    /** The audit log every security decision is recorded in. */
    public AuditLog auditLog() {
        return modules.auditLog();
    }

    /** The configuration the server runs with (public URL resolved). */
    public StiCaConfig config() {
        return basics.config();
    }

    /**
     * Stops admitting new ACME requests and admin changes (503 with {@code Retry-After}; health
     * answers {@code draining}) and completes when the requests and audit appends in flight are
     * done, or after {@code bound} (what was still in flight is logged). Always succeeds.
     */
    public Future<Void> drain(Duration bound) {
        return inFlight.drain(bound);
    }

    /**
     * Drains for at most {@code shutdown.drainSeconds} ({@link #drain}), then closes every part
     * in reverse order of start: admin port, timers and publishers, ACME listener, signer pool,
     * public port, database pool, vault. A part that fails to close is logged; the rest still
     * close.
     */
    public Future<Void> close() {
        long started = System.nanoTime();
        return drain(basics.config().shutdown().drain())
                .compose(drained -> lifecycle.close())
                .onComplete(closed -> LOG.info("stopped after {} ms",
                        Duration.ofNanos(System.nanoTime() - started).toMillis()));
    }
}
