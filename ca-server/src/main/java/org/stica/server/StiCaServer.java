package org.stica.server;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import java.net.URI;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stica.acme.AcmeConfig;
import org.stica.acme.AcmeModule;
import org.stica.acme.service.InterruptedWorkService;
import org.stica.acme.store.pg.PgOrderStore;
import org.stica.acme.store.pg.StuckWorkSweeper;
import org.stica.server.retention.RetentionSweeper;
import org.stica.acme.port.AcmePorts;
import org.stica.acme.port.CertificateAuthority;
import org.stica.crl.CrlConfig;
import org.stica.crl.CrlModule;
import org.stica.crl.arl.ArlModule;
import org.stica.hsm.KeyVault;
import org.stica.hsm.KeyVaultFactory;
import org.stica.hsm.SignerPool;
import org.stica.policy.delegate.DelegateCertificateCheck;
import org.stica.policy.delegate.DelegateChainCheck;
import org.stica.policy.delegate.EncompassingCheck;
import org.stica.policy.token.PaTrustAnchors;
import org.stica.policy.token.SpcTokenVerifier;
import org.stica.policy.token.X5uPolicy;
import org.stica.policy.trust.TrustSnapshot;
import org.stica.server.admin.AdminApi;
import org.stica.server.admin.AdminAuthHandler;
import org.stica.server.admin.EabKeyHandler;
import org.stica.server.acmeport.AuditedAcmeEvents;
import org.stica.server.acmeport.CaIssuanceRecords;
import org.stica.server.acmeport.IssuedCertificateFacts;
import org.stica.server.admin.AdminRoutes;
import org.stica.server.admin.CrlAdminHandler;
import org.stica.server.admin.CrlAdminRoutes;
import org.stica.server.admin.CaKeyRevocationHandler;
import org.stica.server.admin.HealthHandler;
import org.stica.server.admin.HealthProbe;
import org.stica.server.admin.RevokeHandler;
import org.stica.server.admin.AdminTlsOptions;
import org.stica.server.admin.X5uAllowListHandler;
import org.stica.server.admin.IntermediateRolloverHandler;
import org.stica.server.audit.AuditLog;
import org.stica.server.audit.AuditModule;
import org.stica.server.audit.AuditSignerKey;
import org.stica.server.audit.AuditedCertificateAuthority;
import org.stica.server.audit.AuditedTokenValidator;
import org.stica.server.audit.LoggingAuditLog;
import org.stica.server.ca.CaAliases;
import org.stica.server.ca.CaHierarchy;
import org.stica.server.ca.CaIssuers;
import org.stica.server.ca.IntermediateRollover;
import org.stica.server.ca.CaKeyRevocationService;
import org.stica.server.ca.RevokedCaKeys;
import org.stica.server.store.pg.PgCaKeyRevocationStore;
import org.stica.server.store.pg.PgRevokedCursor;
import org.bouncycastle.asn1.x500.X500Name;
import org.stica.server.delegate.DelegatePublicationService;
import org.stica.server.delegate.store.pg.PgDelegateStore;
import org.stica.server.http.DelegateRepositoryHandler;
import org.stica.server.ca.CaInitializer;
import org.stica.server.ca.CaNotInitialisedException;
import org.stica.server.ca.CrlPaths;
import org.stica.server.ca.KeyVaultSettings;
import org.stica.server.config.StiCaConfig;
import org.stica.server.http.CertificateRepository;
import org.stica.server.http.CertificateRepositoryHandler;
import org.stica.server.http.DirectoryMirror;
import org.stica.server.http.DirectoryPublication;
import org.stica.server.http.PublicationPaths;
import org.stica.server.http.PublicationRoutes;
import org.stica.server.http.TrustAnchorsJson;
import org.stica.server.http.ProblemResponder;
import org.stica.server.http.DirectDownloads;
import org.stica.server.http.PublicServerVerticle;
import org.stica.server.http.PublicRoutes;
import org.stica.server.http.StaticPem;
import org.stica.server.issuance.CertificateRevocationSource;
import org.stica.server.issuance.IssuanceLedger;
import org.stica.server.issuance.IssuanceService;
import org.stica.server.issuance.ReservationRecovery;
import org.stica.server.issuance.IssuerProfile;
import org.stica.server.issuance.PublishingCertificateAuthority;
import org.stica.server.issuance.RevocationService;
import org.stica.server.provision.PgProvisioningLock;
import org.stica.server.schema.SchemaMigrator;
import org.stica.server.store.pg.PgCaKeyStore;
import org.stica.server.store.pg.PgCertificateExpiry;
import org.stica.server.store.pg.PgCertificateStore;
import org.stica.server.store.pg.PgPools;
import org.stica.server.store.pg.PgTokenReplayGuard;
import org.stica.server.token.TokenValidationService;
import org.stica.server.token.TrustAnchorFile;
import org.stica.server.token.X5uFetcher;
import org.stica.server.token.X5uAllowList;
import org.stica.server.store.pg.PgX5uPrefixStore;
import org.stica.server.store.pg.PgRolloverLock;
import org.stica.server.pa.PaKeys;
import org.stica.server.pa.PaModule;
import org.stica.server.trust.TrustModule;

/**
 * The running STI-CA: what the CLI's {@code serve} and the tests start. {@link #start} migrates
 * the schema and opens the KeyVault off the event loop, checks the CA hierarchy exists, wires the
 * ACME endpoint, the CRL publisher, issuance, SPC token validation and the admin API, and binds
 * the public and admin HTTP servers (port 0 binds any free port; see {@link #publicPort()}).
 * Nothing is kept only in process memory that another instance would need, so several instances
 * may share one database.
 */
public final class StiCaServer {
    private static final Logger LOG = LoggerFactory.getLogger(StiCaServer.class);
    private static final String ACME_BASE_PATH = "/acme";
    private static final Duration ARL_VALIDITY = Duration.ofDays(7);
    /** How often every instance re-reads ca_key for a rolled-over intermediate. */
    private static final Duration ISSUER_RELOAD = Duration.ofSeconds(5);

    private final Vertx vertx;
    private final StiCaConfig config;
    private final Clock clock;
    private final Router publicRouter;
    /** The public port's handler: direct CRL and x5u downloads, then {@link #publicRouter}. */
    private final DirectDownloads publicHandler;
    private KeyVault vault;
    private Pool pool;
    private SignerPool signer;
    private CrlModule crl;
    private ArlModule arl;
    private X5uFetcher fetcher;
    /** Configured x5u prefixes plus those added through the admin API (reloaded). */
    private X5uAllowList x5uAllowList;
    /** Every intermediate in ca_key; the newest issues (intermediate rollover). */
    private CaIssuers caIssuers;
    private AcmeModule acme;
    /** Settles ACME challenges and orders a crash left at processing. */
    private InterruptedWorkService interruptedWork;
    /** Abandons reservations a crash left unresolved; drains the audit outbox. */
    private ReservationRecovery reservations;
    /** Deletes data past its retention (README "Data lifecycle"). */
    private RetentionSweeper retention;
    private HttpServer publicServer;
    /** Deployment of the public server's listeners on further event loops. */
    private String publicLoops;
    private HttpServer adminServer;
    private Router adminRouter;
    /** The admin API in front of {@link #adminRouter}, built off the event loop in wire(). */
    private Router adminApiRouter;
    private IssuanceService issuance;
    private String publicUrl;
    /** Where security decisions are recorded; replaced by the PostgreSQL chain in wire(). */
    private AuditLog auditLog = new LoggingAuditLog();
    private TrustModule trust;
    private PaKeys paKeys;
    private PaModule pa;
    private PublicKey auditSignerKey;
    private AuditModule auditModule;

    private StiCaServer(Vertx vertx, StiCaConfig config, Clock clock) {
        this.vertx = vertx;
        this.config = config;
        this.clock = clock;
        this.publicRouter = Router.router(vertx);
        this.publicHandler = new DirectDownloads(publicRouter);
    }

    /** Starts a server; on failure everything opened so far is closed again. */
    public static Future<StiCaServer> start(Vertx vertx, StiCaConfig config) {
        return start(vertx, config, Clock.systemUTC());
    }

    /** As {@link #start(Vertx, StiCaConfig)} with an injected clock (tests). */
    public static Future<StiCaServer> start(Vertx vertx, StiCaConfig config, Clock clock) {
        StiCaServer server = new StiCaServer(vertx, config, clock);
        return server.startAll()
                .map(server)
                .recover(failure -> server.close()
                        .transform(closed -> Future.<StiCaServer>failedFuture(failure)));
    }

    /**
     * {@code init-ca}: migrates the schema, opens the KeyVault and creates the CA hierarchy
     * ({@link CaInitializer}). Blocking: call from a plain thread, never an event loop.
     */
    public static CaHierarchy initCa(StiCaConfig config) {
        SchemaMigrator.migrate(config.database());
        Vertx vertx = Vertx.vertx();
        try (KeyVault vault = KeyVaultFactory.open(KeyVaultSettings.forInit(config))) {
            Pool pool = PgPools.create(vertx, config.database());
            try {
                return new CaInitializer(vault, new PgCaKeyStore(pool), config, Clock.systemUTC())
                        .run();
            } finally {
                pool.close().await();
            }
        } finally {
            vertx.close().await();
        }
    }

    /** The ACME directory URL. */
    public String directoryUrl() {
        return publicUrl + ACME_BASE_PATH + "/directory";
    }

    /** The public origin (ACME, CRL, STI-CR), without trailing slash. */
    public String publicUrl() {
        return publicUrl;
    }

    public int publicPort() {
        return publicServer.actualPort();
    }

    public int adminPort() {
        return adminServer.actualPort();
    }

    /** The issuance/revocation service the ACME endpoint uses (for tests and tools). */
    public CertificateAuthority certificateAuthority() {
        return issuance;
    }

    /** The audit log every security decision is recorded in. */
    public AuditLog auditLog() {
        return auditLog;
    }

    /** The configuration the server runs with (public URL resolved). */
    public StiCaConfig config() {
        return config.withPublicUrl(publicUrl);
    }

    /**
     * Closes the HTTP servers, CRL timers, the ACME endpoint's LISTEN connection, signer pool,
     * database pool and vault.
     */
    public Future<Void> close() {
        List<Future<?>> closing = new ArrayList<>();
        if (adminServer != null) {
            closing.add(adminServer.close());
        }
        if (publicServer != null) {
            closing.add(publicServer.close());
        }
        if (publicLoops != null) {
            closing.add(vertx.undeploy(publicLoops));
        }
        if (crl != null) {
            crl.stop();
        }
        if (arl != null) {
            arl.stop();
        }
        if (trust != null) {
            trust.stop();
        }
        if (pa != null) {
            pa.stop();
        }
        if (auditModule != null) {
            auditModule.stop();
        }
        if (x5uAllowList != null) {
            x5uAllowList.stop();
        }
        if (caIssuers != null) {
            caIssuers.stop(vertx);
        }
        if (interruptedWork != null) {
            interruptedWork.stop();
        }
        if (reservations != null) {
            reservations.stop();
        }
        if (retention != null) {
            closing.add(retention.stop());
        }
        if (acme != null) {
            closing.add(acme.close());
        }
        if (fetcher != null) {
            fetcher.close();
        }
        return Future.join(closing)
                .transform(done -> {
                    if (signer != null) {
                        signer.close();
                    }
                    return pool == null ? Future.succeededFuture() : pool.close();
                })
                .transform(done -> vault == null ? Future.succeededFuture()
                        : vertx.executeBlocking(() -> {
                            vault.close();
                            return null;
                        }))
                .mapEmpty();
    }

    private Future<Void> startAll() {
        return vertx.executeBlocking(this::openBlocking)
                .compose(anchors -> loadHierarchy()
                        .compose(hierarchy -> listenPublic()
                                .compose(port -> wire(hierarchy, anchors))))
                .compose(v -> listenAdmin())
                .onSuccess(v -> LOG.info("STI-CA serving {} (admin on {}:{})", directoryUrl(),
                        config.admin().host(), adminPort()));
    }

    /** Start-up work that blocks: schema migration, opening the vault, reading trust anchors. */
    private PaTrustAnchors openBlocking() {
        PaTrustAnchors anchors = TrustAnchorFile.load(config.pa().trustAnchors());
        SchemaMigrator.migrate(config.database());
        vault = KeyVaultFactory.open(KeyVaultSettings.forServe(config));
        for (String alias : List.of(CaAliases.INTERMEDIATE, CaAliases.CRL_SIGNER)) {
            if (!vault.contains(alias)) {
                throw new CaNotInitialisedException("key '" + alias + "' missing in "
                        + vault.description());
            }
        }
        auditSignerKey = AuditSignerKey.ensure(vault, PgProvisioningLock.of(config.database()),
                clock);
        if (config.pa().role().enabled()) {
            paKeys = PaKeys.ensure(vault, PgProvisioningLock.of(config.database()),
                    config.ca().organization(), clock);
        }
        if (anchors.roots().isEmpty()) {
            LOG.warn("no STI-PA trust anchors configured (pa.trustAnchors): every SPC token"
                    + " will be refused");
        }
        return anchors;
    }

    private Future<CaHierarchy> loadHierarchy() {
        pool = PgPools.create(vertx, config.database());
        return new PgCaKeyStore(pool).all().map(records -> {
            caIssuers = new CaIssuers(new PgCaKeyStore(pool), records);
            return CaHierarchy.from(records);
        });
    }

    private Future<Integer> listenPublic() {
        HttpServerOptions options = new HttpServerOptions()
                .setHost(config.http().host()).setPort(config.http().port());
        return vertx.createHttpServer(options).requestHandler(publicHandler).listen()
                .compose(server -> {
                    publicServer = server;
                    publicUrl = config.publicUrl()
                            .orElse("http://localhost:" + server.actualPort());
                    return moreEventLoops(options).map(server.actualPort());
                });
    }

    /**
     * Serves the public port from one event loop per processor (the first server runs on the
     * starting context): ACME requests verify signatures and encode JSON on the event loop, so
     * one loop would cap the server at one core. Servers with the same host and port share the
     * socket; port 0 (tests) would give every extra server its own random port, so it keeps one
     * loop.
     */
    private Future<Void> moreEventLoops(HttpServerOptions options) {
        int extra = Runtime.getRuntime().availableProcessors() - 1;
        if (extra < 1 || options.getPort() == 0) {
            return Future.succeededFuture();
        }
        return vertx.deployVerticle(() -> new PublicServerVerticle(options, publicHandler),
                        new DeploymentOptions().setInstances(extra))
                .map(id -> {
                    publicLoops = id;
                    return null;
                });
    }

    /**
     * Builds the modules on a worker thread, then starts them on the event loop. Building loads
     * thousands of classes on first use and reads the OpenAPI contract, which blocked an event
     * loop for about a second (house rule 4); only binding and starting (timers, first reads)
     * run on the loop.
     */
    private Future<Void> wire(CaHierarchy hierarchy, PaTrustAnchors anchors) {
        return vertx.executeBlocking(() -> construct(hierarchy, anchors), false)
                .compose(directory -> startModules(hierarchy, anchors, directory));
    }

    /** Constructs every module and router (no I/O beyond reading class files and resources). */
    private Optional<DirectoryPublication> construct(CaHierarchy hierarchy,
                                                     PaTrustAnchors anchors) {
        URI expectedCrlUrl = URI.create(publicUrl + CrlPaths.CRL);
        if (!hierarchy.crlUrl().equals(expectedCrlUrl)) {
            LOG.warn("the intermediate names the CRL at {} but publicUrl gives {}; serving and"
                    + " naming {} (fixed by init-ca)", hierarchy.crlUrl(), expectedCrlUrl,
                    hierarchy.crlUrl());
        }
        signer = new SignerPool(vertx, vault, config.hsm().maxSessions(),
                config.recovery().signTimeout());
        auditModule = new AuditModule(vertx, pool, signer, auditSignerKey, clock);
        auditLog = auditModule.log();
        PgCertificateStore certificates = new PgCertificateStore(pool);
        crl = new CrlModule(vertx, pool, signer,
                new CertificateRevocationSource(certificates, hierarchy,
                        new PgCertificateExpiry(pool), new PgRevokedCursor(pool))
                        .withIssuers(caIssuers::nameOf, caIssuers::isOurs),
                crlConfig(hierarchy), clock);
        AuditLog audit = event -> auditLog.record(event);
        Duration publishDelay = config.publication().crlPublishDelay();
        PgCaKeyRevocationStore caKeyRevocations = new PgCaKeyRevocationStore(pool);
        arl = new ArlModule(vertx, pool, signer, CaAliases.ROOT, hierarchy.root(),
                PublicationPaths.ARL, ARL_VALIDITY, crlConfig(hierarchy).refreshInterval(),
                new RevokedCaKeys(caKeyRevocations, X500Name.getInstance(
                        hierarchy.root().getSubjectX500Principal().getEncoded())), clock);
        RevocationService revocation = new RevocationService(certificates, hierarchy,
                () -> crl.publishWithin(publishDelay), audit, clock)
                .withIssuers(caIssuers::signerOf);
        Optional<DirectoryPublication> directory = config.publication().directory()
                .map(dir -> new DirectoryPublication(vertx, dir));
        directory.ifPresent(d -> new DirectoryMirror(d).follow(crl, hierarchy.crlUrl().getPath(),
                arl));
        issuance = new IssuanceService(new IssuanceLedger(certificates, auditModule.outbox(),
                clock), signer, issuerProfile(hierarchy), revocation, clock, caIssuers::active);
        reservations = new ReservationRecovery(vertx, certificates, auditModule.outbox(),
                config.recovery().stuckAfter(), clock);
        interruptedWork = new InterruptedWorkService(vertx, new StuckWorkSweeper(pool,
                config.recovery().stuckAfter()), new PgOrderStore(pool),
                new CaIssuanceRecords(certificates,
                        alias -> caIssuers.byAlias(alias).orElse(hierarchy.intermediate()),
                        issuerProfile(hierarchy)::x5uOf), clock);
        if (paKeys != null) {
            pa = new PaModule(vertx, pool, config, publicUrl, new PaModule.Wiring(paKeys, signer,
                    revocation::revokeBySerial, audit, List.of(hierarchy.root())), clock);
        }
        acme = new AcmeModule(vertx, pool, Optional.of(PgPools.connectOptions(config.database())),
                acmeConfig(hierarchy), new AcmePorts(
                new AuditedCertificateAuthority(directory
                        .<CertificateAuthority>map(d -> new PublishingCertificateAuthority(
                                issuance, d)).orElse(issuance), auditLog),
                new AuditedTokenValidator(tokenValidation(anchors), auditLog),
                new IssuedCertificateFacts(certificates), new AuditedAcmeEvents(auditLog)),
                clock);
        mountPublic(hierarchy, certificates);
        adminRouter = AdminRoutes.router(vertx, new AdminAuthHandler(config.admin().token()),
                new HealthHandler(healthProbe(certificates), clock), new RevokeHandler(revocation),
                new CrlAdminRoutes(new CrlAdminHandler(crl, audit))
                        .andThen(trust.adminRoutes())
                        .andThen(pa == null ? router -> { } : pa.adminRoutes())
                        .andThen(router -> router.post("/admin/v1/service-providers/:spc/eab-keys")
                                .handler(new EabKeyHandler(acme.eabKeys(),
                                        Pattern.compile(config.ca().spcPattern()), auditLog)))
                        .andThen(new X5uAllowListHandler(x5uAllowList, audit, clock)::mount)
                        .andThen(router -> router.post("/admin/v1/ca/intermediates/rollover")
                                .handler(new IntermediateRolloverHandler(vertx,
                                        new IntermediateRolloverHandler.Parts(
                                                new IntermediateRollover(vault, config.ca(),
                                                        clock), new PgCaKeyStore(pool),
                                                new PgRolloverLock(pool)), caIssuers,
                                        hierarchy, audit)::handle))
                        .andThen(router -> router.post("/admin/v1/ca/keys/:alias/revoke")
                                .handler(new CaKeyRevocationHandler(new CaKeyRevocationService(
                                        new PgCaKeyStore(pool), caKeyRevocations,
                                        arl::publishNow, audit, clock))::handle)));
        adminApiRouter = new AdminApi(vertx, pool, config, auditModule, clock).wrap(adminRouter);
        return directory;
    }

    /**
     * Starts the constructed modules on the event loop: ACME replay-nonce key, timers, trust
     * snapshot, CRL, ARL.
     */
    private Future<Void> startModules(CaHierarchy hierarchy, PaTrustAnchors anchors,
                                      Optional<DirectoryPublication> directory) {
        auditModule.start();
        caIssuers.start(vertx, ISSUER_RELOAD);
        reservations.start(config.recovery().sweepPeriod());
        interruptedWork.start(config.recovery().sweepPeriod());
        retention = RetentionSweeper.create(vertx, pool, config.retention(),
                config.pa().tokenClockSkew(), clock);
        retention.start();
        List<X509Certificate> seed = new ArrayList<>(anchors.roots());
        if (paKeys != null) {
            seed.add(paKeys.root());
        }
        return acme.start()
                // the PA role's own CRL exists before the trust module first fetches it (pa.crlUrl)
                .compose(v -> pa == null ? Future.<Void>succeededFuture() : pa.start())
                .compose(v -> trust.start(seed))
                .compose(v -> x5uAllowList.start(config.pa().trustReload()))
                .compose(v -> crl.start())
                .compose(v -> startArl())
                .compose(v -> directory.map(d -> new DirectoryMirror(d).writeStatic(hierarchy))
                        .orElseGet(Future::succeededFuture));
    }

    /**
     * Signs the root's ARL when the root key is in the vault (STANDARDS.md §6.5: Java checks the
     * CRL signer against a CRL from the root); without it {@code /crl/root.crl} answers 503.
     */
    private Future<Void> startArl() {
        return vertx.executeBlocking(() -> vault.contains(CaAliases.ROOT), false)
                .compose(present -> {
                    if (!present) {
                        LOG.warn("root key not in {}: the ARL {} is not published",
                                vault.description(), PublicationPaths.ARL);
                        return Future.succeededFuture();
                    }
                    return arl.start();
                });
    }

    private Future<Void> listenAdmin() {
        HttpServerOptions options = AdminTlsOptions.apply(new HttpServerOptions()
                .setHost(config.admin().host()).setPort(config.admin().port()),
                config.admin().tls());
        return vertx.createHttpServer(options).requestHandler(adminApiRouter).listen()
                .map(server -> {
                    adminServer = server;
                    return null;
                });
    }

    private void mountPublic(CaHierarchy hierarchy, PgCertificateStore certificates) {
        StaticPem roots = StaticPem.of(List.of(hierarchy.root()));
        StaticPem crlSigner = StaticPem.of(List.of(hierarchy.crlSigner()));
        CertificateRepository repository =
                new CertificateRepository(certificates,
                        alias -> caIssuers.byAlias(alias).orElse(hierarchy.intermediate()));
        PublicationRoutes.mount(publicRouter, TrustAnchorsJson.of(List.of(hierarchy.root())));
        CertificateRepositoryHandler chains = new CertificateRepositoryHandler(repository);
        publicHandler.add(crl::serveDirect).add(chains::serveDirect);
        PublicRoutes.mount(publicRouter, chains, roots, crlSigner);
        new DelegateRepositoryHandler(new DelegatePublicationService(new PgDelegateStore(pool),
                certificates, hierarchy, new DelegateChainCheck(new DelegateCertificateCheck(
                        new EncompassingCheck(false))), auditLog::record, clock)
                .withIntermediates(caIssuers::certificates), publicUrl, clock)
                .mount(publicRouter);
        publicRouter.route(ACME_BASE_PATH + "/*").subRouter(acme.router());
        if (pa != null) {
            pa.mountPublic(publicRouter);
        }
        publicRouter.route("/*").subRouter(crl.router());
        publicRouter.route("/*").subRouter(arl.router());
        publicRouter.route().handler(ctx -> ctx.fail(404));
        publicRouter.route().failureHandler(ProblemResponder::handle);
    }

    private CrlConfig crlConfig(CaHierarchy hierarchy) {
        Duration validity = Duration.ofHours(config.ca().crlValidityHours());
        Duration refresh = validity.dividedBy(4).compareTo(Duration.ofMinutes(1)) < 0
                ? validity.dividedBy(4) : Duration.ofMinutes(1);
        return new CrlConfig(hierarchy.crlUrl(), hierarchy.crlUrl().getPath(),
                CaAliases.CRL_SIGNER, hierarchy.crlSigner(),
                Optional.of(URI.create(publicUrl + CrlPaths.SIGNER)), validity, refresh);
    }

    private IssuerProfile issuerProfile(CaHierarchy hierarchy) {
        return new IssuerProfile(hierarchy, config.ca().organization(), config.ca().country(),
                config.ca().policyOid(), Duration.ofDays(config.ca().endEntityValidityDays()),
                publicUrl);
    }

    /** {@code shaken-sca} is offered when configured and the intermediate allows a CA below. */
    private boolean scaOffered(CaHierarchy hierarchy) {
        if (config.ca().scaEnabled() && !hierarchy.allowsCaBelowIntermediate()) {
            LOG.warn("ca.sca.enabled is set but the issuing intermediate has pathLenConstraint 0"
                    + " (created before SCA was enabled): shaken-sca is not offered");
        }
        return config.ca().scaEnabled() && hierarchy.allowsCaBelowIntermediate();
    }

    private AcmeConfig acmeConfig(CaHierarchy hierarchy) {
        AcmeConfig defaults = AcmeConfig.defaults(publicUrl);
        StiCaConfig.Acme acmeSettings = config.acme();
        return new AcmeConfig(publicUrl, ACME_BASE_PATH, defaults.nonceLifetime(),
                defaults.orderLifetime(), defaults.authzLifetime(), acmeSettings.maxBodyBytes(),
                config.ca().spcPattern(), defaults.termsOfService(), defaults.website(),
                acmeSettings.externalAccountRequired(), acmeSettings.ordersPerHour(),
                acmeSettings.ordersPageSize(), acmeSettings.shortLivedDays())
                .withScaEnabled(scaOffered(hierarchy));
    }

    private TokenValidationService tokenValidation(PaTrustAnchors anchors) {
        StiCaConfig.Pa pa = config.pa();
        fetcher = new X5uFetcher(vertx, pa.x5uMaxBytes(), pa.x5uTimeout(), clock);
        List<String> prefixes = new ArrayList<>(pa.x5uAllowedPrefixes());
        if (pa.role().enabled()) {
            prefixes.add(PaModule.x5uPrefix(publicUrl));
        }
        X5uPolicy x5uPolicy = new X5uPolicy(prefixes);
        x5uAllowList = new X5uAllowList(vertx, new PgX5uPrefixStore(pool), prefixes, x5uPolicy);
        trust = new TrustModule(vertx, pool, pa, x5uPolicy, fetcher,
                event -> auditLog.record(event), clock);
        Supplier<TrustSnapshot> snapshot = trust.snapshot();
        return new TokenValidationService(x5uPolicy, fetcher,
                SpcTokenVerifier.withSnapshot(snapshot, clock, pa.tokenClockSkew()),
                new PgTokenReplayGuard(pool), () -> new PaTrustAnchors(snapshot.get().roots()));
    }

    private HealthProbe healthProbe(PgCertificateStore certificates) {
        return new HealthProbe() {
            @Override
            public Future<Void> database() {
                return certificates.ping();
            }

            @Override
            public Future<Boolean> caKeys() {
                return vertx.executeBlocking(() -> vault.contains(CaAliases.INTERMEDIATE)
                        && vault.contains(CaAliases.CRL_SIGNER), false);
            }

            @Override
            public Optional<String> hsmFailure() {
                return signer.failure();
            }

            @Override
            public Optional<String> trustWarning() {
                return trust == null ? Optional.empty() : trust.warning();
            }

            @Override
            public Optional<CrlState> crl() {
                return crl.current().map(c -> new CrlState(c.number().toString(), c.thisUpdate(),
                        c.nextUpdate()));
            }
        };
    }
}
