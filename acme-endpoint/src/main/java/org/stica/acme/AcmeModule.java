package org.stica.acme;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.stica.acme.http.AccountHandler;
import org.stica.acme.http.AcmeRoutes;
import org.stica.acme.http.AuthzHandler;
import org.stica.acme.http.CertificateHandler;
import org.stica.acme.http.ChallengeHandler;
import org.stica.acme.http.CommonHeadersHandler;
import org.stica.acme.http.CrossCuttingHandlers;
import org.stica.acme.http.DirectoryHandler;
import org.stica.acme.http.FinalizeHandler;
import org.stica.acme.http.KeyChangeHandler;
import org.stica.acme.http.NewAccountHandler;
import org.stica.acme.http.NewNonceHandler;
import org.stica.acme.http.NewOrderHandler;
import org.stica.acme.http.OrderHandler;
import org.stica.acme.http.OrdersListHandler;
import org.stica.acme.http.ProblemResponder;
import org.stica.acme.http.RenewalInfoHandler;
import org.stica.acme.http.ReplayNonceHandler;
import org.stica.acme.http.ResourceHandlers;
import org.stica.acme.http.ResourceViews;
import org.stica.acme.http.RevokeCertHandler;
import org.stica.acme.http.SignedPosts;
import org.stica.acme.port.AcmeAuditSink;
import org.stica.acme.port.AcmePorts;
import org.stica.acme.port.AuthorityTokenValidator;
import org.stica.acme.port.CertificateAuthority;
import org.stica.acme.port.CertificateFactsSource;
import org.stica.acme.problem.ProblemMapper;
import org.stica.acme.store.pg.TransientFailures;
import org.stica.acme.service.AccountService;
import org.stica.acme.service.AuthzService;
import org.stica.acme.service.CertificateService;
import org.stica.acme.service.ChallengeService;
import org.stica.acme.service.ClaimConstraintsOrders;
import org.stica.acme.service.EabKeyService;
import org.stica.acme.service.ExternalAccountBinding;
import org.stica.acme.service.FinalizeService;
import org.stica.acme.service.KeyChangeService;
import org.stica.acme.service.NonceService;
import org.stica.acme.service.OrderRules;
import org.stica.acme.service.OrderService;
import org.stica.acme.service.OrdersListService;
import org.stica.acme.service.Profiles;
import org.stica.acme.service.RenewalInfoService;
import org.stica.acme.service.ReplacedCertificates;
import org.stica.acme.service.ResourceUrls;
import org.stica.acme.service.RevocationService;
import org.stica.acme.service.SignedRequestService;
import org.stica.acme.store.pg.AccountCache;
import org.stica.acme.store.pg.AccountChangeSubscriber;
import org.stica.acme.store.pg.PgAccountStore;
import org.stica.acme.store.pg.PgAuthzStore;
import org.stica.acme.store.pg.PgCertificateStore;
import org.stica.acme.store.pg.PgChallengeStore;
import org.stica.acme.store.pg.PgClaimOrderStore;
import org.stica.acme.store.pg.PgEabKeyStore;
import org.stica.acme.store.pg.PgNonceKeyStore;
import org.stica.acme.store.pg.PgNonceStore;
import org.stica.acme.store.pg.PgOrderStore;
import org.stica.acme.store.pg.RecentCertificates;

/**
 * The ACME endpoint (RFC 8555 + RFC 9447/9448): builds the router that ca-server mounts at
 * {@link AcmeConfig#basePath()}. Owns the tables migrated from {@link #MIGRATIONS}
 * ({@code acme_nonce_key}, {@code acme_nonce_used}, {@code acme_account}, {@code acme_order},
 * {@code acme_authz}, {@code acme_challenge}, {@code acme_certificate}, {@code acme_eab_key});
 * the caller must have migrated them, then call {@link #start()}.
 */
public final class AcmeModule {
    /** Flyway location of this module's migrations (history table {@code flyway_history_acme}). */
    public static final String MIGRATIONS = "db/acme";
    /** How long to wait before listening again for account changes after the connection broke. */
    private static final Duration RELISTEN_DELAY = Duration.ofSeconds(1);

    private final ResourceUrls urls;
    private final Router router;
    private final EabKeyService eabKeys;
    private final NonceService nonces;
    private final Optional<AccountChangeSubscriber> accountChanges;

    /** An endpoint that reads the account of every signed request from the database. */
    public AcmeModule(Vertx vertx, Pool pool, AcmeConfig config, AcmePorts ports, Clock clock) {
        this(vertx, pool, Optional.empty(), config, ports, clock);
    }

    /**
     * An endpoint that caches accounts while it listens, over a connection made with
     * {@code listen} (the pool's database), for the change notifications of
     * {@code acme_account}; empty reads every account from the database. Call {@link #close()}
     * when the server stops.
     */
    public AcmeModule(Vertx vertx, Pool pool, Optional<PgConnectOptions> listen,
                      AcmeConfig config, AcmePorts ports, Clock clock) {
        this(vertx, pool, pool, listen, config, ports, clock);
    }

    /**
     * As above, with {@code asyncCommitPool} for the statements whose loss in a database crash
     * is harmless (README "Performance"): nonce redemptions, order creation, challenge claims
     * and outcomes, the finalize claim and the order's outcome. Its connections commit without
     * waiting for the WAL flush ({@code synchronous_commit = off}); every durable statement that
     * depends on one of them (a jti claim, a serial reservation, a certificate record) commits
     * after it, and PostgreSQL's WAL is one sequence, so flushing that statement flushes the
     * earlier ones too. The order's outcome comes after the CA's durable record of the
     * certificate; lost, it is settled again from that record by the interrupted-work sweep.
     */
    public AcmeModule(Vertx vertx, Pool pool, Pool asyncCommitPool,
                      Optional<PgConnectOptions> listen, AcmeConfig config, AcmePorts ports,
                      Clock clock) {
        config.validate();
        CertificateAuthority ca = ports.ca();
        AuthorityTokenValidator tokenValidator = ports.tokenValidator();
        CertificateFactsSource facts = ports.facts();
        this.urls = new ResourceUrls(config.publicUrl(), config.basePath());
        ProblemMapper problems = new ProblemMapper(TransientFailures::isTransient);
        this.nonces = new NonceService(new PgNonceKeyStore(pool),
                new PgNonceStore(asyncCommitPool), clock, config.nonceLifetime());
        AccountCache accountCache = new AccountCache(AccountCache.DEFAULT_CAPACITY,
                AccountCache.DEFAULT_TTL, clock);
        this.accountChanges = listen.map(database -> new AccountChangeSubscriber(vertx, database,
                accountCache, RELISTEN_DELAY));
        PgAccountStore accountStore = new PgAccountStore(pool, accountCache);
        RecentCertificates recentCertificates =
                new RecentCertificates(RecentCertificates.DEFAULT_CAPACITY);
        PgOrderStore orderStore = new PgOrderStore(pool, asyncCommitPool, recentCertificates);
        PgAuthzStore authzStore = new PgAuthzStore(pool, asyncCommitPool);
        PgChallengeStore challengeStore = new PgChallengeStore(asyncCommitPool);
        PgCertificateStore certificateStore = new PgCertificateStore(pool, recentCertificates);

        SignedPosts posts = new SignedPosts(
                new SignedRequestService(accountStore, nonces, urls), urls);
        PgEabKeyStore eabStore = new PgEabKeyStore(pool);
        this.eabKeys = new EabKeyService(eabStore, clock);
        AccountService accounts = new AccountService(accountStore, clock,
                new ExternalAccountBinding(eabStore, urls, config.externalAccountRequired()),
                ports.audit());
        Profiles profiles = new Profiles(config.shortLivedDays(), config.scaEnabled());
        OrderService orders = new OrderService(orderStore,
                new OrderRules(Pattern.compile(config.spcPattern()), profiles,
                        config.ordersPerHour(), config.orderLifetime(), config.authzLifetime()),
                new ReplacedCertificates(facts, certificateStore, orderStore),
                ports.subscribers(), new ClaimConstraintsOrders(ports.claims(),
                        new PgClaimOrderStore(pool)), ports.activity(), clock);
        AuthzService authzs = new AuthzService(authzStore, ports.activity(), clock);
        ChallengeService challenges = new ChallengeService(challengeStore, tokenValidator,
                problems, ports.activity(), clock);
        FinalizeService finalizer = new FinalizeService(orderStore, orders, ca, problems,
                profiles, ports.activity(), clock);
        ResourceViews views = new ResourceViews(urls, clock);

        ResourceHandlers resources = new ResourceHandlers(
                new DirectoryHandler(urls, config.termsOfService(), config.website(),
                        config.externalAccountRequired(), profiles.descriptions()),
                new NewNonceHandler(nonces),
                new NewAccountHandler(posts, accounts),
                new AccountHandler(posts, accounts),
                new NewOrderHandler(posts, orders, views),
                new OrderHandler(posts, orders, views),
                new FinalizeHandler(posts, finalizer, views),
                new AuthzHandler(posts, authzs, views),
                new ChallengeHandler(posts, challenges),
                new CertificateHandler(posts, new CertificateService(certificateStore)),
                new RevokeCertHandler(posts,
                        new RevocationService(certificateStore, authzStore, ca, clock)),
                new KeyChangeHandler(posts,
                        new KeyChangeService(accountStore, urls, ports.audit())),
                new OrdersListHandler(posts,
                        new OrdersListService(orderStore, urls, config.ordersPageSize())),
                new RenewalInfoHandler(new RenewalInfoService(facts, clock)));
        CommonHeadersHandler headers = new CommonHeadersHandler(urls);
        ReplayNonceHandler replayNonces = new ReplayNonceHandler(nonces);
        CrossCuttingHandlers around = new CrossCuttingHandlers(headers, replayNonces,
                new ProblemResponder(problems, headers, replayNonces));
        this.router = new AcmeRoutes(vertx, config.maxBodyBytes(), around, resources).build();
        accountChanges.ifPresent(AccountChangeSubscriber::start);
    }

    /**
     * Loads the replay-nonce key shared by every instance on the database (creating it on the
     * first start); non-blocking, call it on the event loop. Nonces asked for earlier load it
     * first, so requests that arrive before this completes are served too.
     */
    public Future<Void> start() {
        return nonces.start();
    }

    /** The ACME router; mount with {@code router.route(basePath + "/*").subRouter(router())}. */
    public Router router() {
        return router;
    }

    /** Creates external account binding keys (RFC 8555 §7.3.4) for the admin API. */
    public EabKeyService eabKeys() {
        return eabKeys;
    }

    /** Stops listening for account changes (the pool is the caller's to close). */
    public Future<Void> close() {
        return accountChanges.map(AccountChangeSubscriber::close)
                .orElseGet(Future::succeededFuture);
    }

    /** The directory URL, {@code publicUrl + basePath + "/directory"}. */
    public String directoryUrl() {
        return urls.directory();
    }
}
