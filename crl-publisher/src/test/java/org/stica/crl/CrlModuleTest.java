package org.stica.crl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.sqlclient.Pool;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.URI;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stica.crl.check.CrlCoverageCheck;
import org.stica.crl.port.RevokedEntry;
import org.stica.crl.publish.CrlPublicationListener;
import org.stica.crl.store.StoredCrl;
import org.stica.crl.store.pg.PgCrlStore;
import org.stica.crl.testing.Await;
import org.stica.crl.testing.BlockedThreadWatch;
import org.stica.crl.testing.CrlDatabase;
import org.stica.crl.testing.InMemoryKeyVault;
import org.stica.crl.testing.ListRevokedSource;
import org.stica.crl.testing.MutableClock;
import org.stica.crl.testing.TestPki;
import org.stica.hsm.SignerPool;

class CrlModuleTest {
    static final String ALIAS = "crl-signer";
    static final URI CRL_URL = URI.create("https://pa.example.test/download/v1/crl");

    /** Low on purpose: the module must never block an event loop (ARCHITECTURE.md §3 rule 4). */
    private static final long MAX_EVENT_LOOP_MILLIS = 300;

    private static TestPki pki;

    private Vertx vertx;
    private CrlDatabase database;
    private SignerPool signer;
    private BlockedThreadWatch blocked;
    private final List<Pool> pools = new ArrayList<>();
    private final List<CrlModule> modules = new ArrayList<>();
    private final ListRevokedSource source = new ListRevokedSource();

    @BeforeAll
    static void pkiAndWarmUp() {
        pki = TestPki.create();
        // Load Netty's and the PG client's classes once, before the blocked-thread watch starts:
        // a cold JVM spends several hundred milliseconds of class loading in the first connect.
        Vertx warmUp = Vertx.vertx();
        try (CrlDatabase db = CrlDatabase.create()) {
            Pool pool = db.pool(warmUp, 1);
            Await.result(pool.query("SELECT 1").execute());
            Await.settled(pool.close());
        } finally {
            Await.settled(warmUp.close());
        }
    }

    @BeforeEach
    void setUp() {
        blocked = new BlockedThreadWatch();
        vertx = Vertx.vertx(new VertxOptions()
                .setMaxEventLoopExecuteTime(MAX_EVENT_LOOP_MILLIS).setMaxEventLoopExecuteTimeUnit(
                        TimeUnit.MILLISECONDS)
                .setBlockedThreadCheckInterval(50).setBlockedThreadCheckIntervalUnit(
                        TimeUnit.MILLISECONDS)
                .setWarningExceptionTime(MAX_EVENT_LOOP_MILLIS).setWarningExceptionTimeUnit(
                        TimeUnit.MILLISECONDS));
        database = CrlDatabase.create();
        InMemoryKeyVault vault = new InMemoryKeyVault().with(ALIAS, pki.signerKeys(), List.of(
                pki.signer(), pki.root()));
        signer = new SignerPool(vertx, vault, 2);
    }

    @AfterEach
    void tearDown() {
        modules.forEach(CrlModule::stop);
        pools.forEach(pool -> Await.settled(pool.close()));
        signer.close();
        Await.settled(vertx.close());
        database.close();
        blocked.close();
        assertEquals(List.of(), blocked.warnings(), "an event loop was blocked");
    }

    @Test
    void start_emptyDatabase_publishesAndServesAFirstCrl() throws Exception {
        CrlModule module = module(config(Duration.ofHours(24), Duration.ofMinutes(5)),
                Clock.systemUTC());

        Await.result(module.start());

        StoredCrl served = module.current().orElseThrow();
        assertEquals(served, newest());
        X509CRL crl = jca(served.der());
        crl.verify(pki.signer().getPublicKey());
        assertEquals(null, crl.getRevokedCertificates());
        assertEquals(Duration.ofHours(24), Duration.between(served.thisUpdate(),
                served.nextUpdate()));
    }

    @Test
    void start_freshCrlStored_servesItWithoutBuilding() {
        CrlConfig config = config(Duration.ofHours(24), Duration.ofMinutes(5));
        CrlModule first = module(config, Clock.systemUTC());
        Await.result(first.start());

        CrlModule second = module(config, Clock.systemUTC());
        Await.result(second.start());

        assertEquals(first.current(), second.current());
        assertEquals(first.current().orElseThrow(), newest());
    }

    @Test
    void start_storedCrlPastHalfItsValidity_publishesANewOne() {
        // STANDARDS.md §6.2 item 3: reissue well before nextUpdate (here at validity/2).
        CrlConfig config = config(Duration.ofHours(24), Duration.ofMinutes(5));
        MutableClock clock = new MutableClock();
        CrlModule first = module(config, clock);
        Await.result(first.start());
        StoredCrl old = first.current().orElseThrow();

        clock.advance(Duration.ofHours(13));
        CrlModule second = module(config, clock);
        Await.result(second.start());

        StoredCrl fresh = second.current().orElseThrow();
        assertTrue(fresh.number().compareTo(old.number()) > 0);
        assertTrue(fresh.thisUpdate().isAfter(old.thisUpdate()));
    }

    @Test
    void publishNow_alternatingInstances_numbersStrictlyIncreaseAndListRevocations()
            throws Exception {
        // RFC 5280 §5.2.3: CRL numbers strictly increase, here across two instances on one
        // database.
        CrlConfig config = config(Duration.ofHours(24), Duration.ofMinutes(5));
        CrlModule a = module(config, Clock.systemUTC());
        CrlModule b = module(config, Clock.systemUTC());
        Await.result(a.start());
        Await.result(b.start());

        List<BigInteger> numbers = new ArrayList<>();
        numbers.add(a.current().orElseThrow().number());
        for (int i = 1; i <= 4; i++) {
            RevokedEntry entry = revoke(i);
            CrlModule instance = i % 2 == 0 ? a : b;
            Await.result(instance.publishNow());
            StoredCrl crl = instance.current().orElseThrow();
            numbers.add(crl.number());
            assertTrue(new CrlCoverageCheck().covers(crl.file(), List.of(entry)));
        }

        for (int i = 1; i < numbers.size(); i++) {
            assertTrue(numbers.get(i).compareTo(numbers.get(i - 1)) > 0, "numbers " + numbers);
        }
        assertEquals(4, jca(newest().der()).getRevokedCertificates().size());
    }

    @Test
    void publishNow_concurrentlyOnTwoInstances_bothServeACrlListingTheRevocation() {
        CrlConfig config = config(Duration.ofHours(24), Duration.ofMinutes(5));
        CrlModule a = module(config, Clock.systemUTC());
        CrlModule b = module(config, Clock.systemUTC());
        Await.result(a.start());
        Await.result(b.start());
        RevokedEntry entry = revoke(7);

        List<Future<Void>> calls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            calls.add(a.publishNow());
            calls.add(b.publishNow());
        }
        Await.result(Future.all(calls));

        for (CrlModule module : List.of(a, b)) {
            assertTrue(new CrlCoverageCheck().covers(module.current().orElseThrow().file(), List.of(
                    entry)));
        }
        assertTrue(new CrlCoverageCheck().covers(newest().file(), List.of(entry)));
    }

    @Test
    void refreshTimer_otherInstancePublishes_reloadsItsCrl() throws Exception {
        CrlConfig config = config(Duration.ofHours(24), Duration.ofMillis(200));
        CrlModule a = module(config, Clock.systemUTC());
        CrlModule b = module(config, Clock.systemUTC());
        Await.result(a.start());
        Await.result(b.start());

        revoke(1);
        Await.result(a.publishNow());
        StoredCrl published = a.current().orElseThrow();

        waitUntil(() -> b.current().orElseThrow().equals(published), Duration.ofSeconds(5));
    }

    @Test
    void rebuildTimer_halfValidityPassed_publishesASuccessor() throws Exception {
        // STANDARDS.md §6.2 item 3: rebuild before nextUpdate, at thisUpdate + validity/2.
        CrlConfig config = config(Duration.ofSeconds(4), Duration.ofSeconds(1));
        CrlModule module = module(config, Clock.systemUTC());
        Await.result(module.start());
        BigInteger first = module.current().orElseThrow().number();

        waitUntil(() -> module.current().orElseThrow().number().compareTo(first) > 0,
                Duration.ofSeconds(8));
        assertTrue(newest().number().compareTo(first) > 0);
    }

    @Test
    void publishNow_signerKeyMissing_failsAndStoresNothing() {
        CrlConfig base = config(Duration.ofHours(24), Duration.ofMinutes(5));
        CrlConfig config = new CrlConfig(base.crlUrl(), base.servedPath(), "no-such-key",
                base.signerCertificate(),
                base.signerCertUrl(), base.validity(), base.refreshInterval());
        CrlModule module = module(config, Clock.systemUTC());

        assertThrows(CompletionException.class, () -> Await.result(module.publishNow()));
        assertEquals(Optional.empty(), Await.result(new PgCrlStore(vertx, pool(), cacheDir()).newest()));
        assertEquals(Optional.empty(), module.current());
    }

    @Test
    void onPublished_eachBuildToldWithItsDuration_failuresToo() {
        // issue 17: CRL build duration and last successful publication
        List<String> told = new CopyOnWriteArrayList<>();
        CrlPublicationListener listener = new CrlPublicationListener() {
            @Override
            public void published(StoredCrl crl, Duration took) {
                told.add("published " + crl.number() + (took.isNegative() ? " in negative time"
                        : ""));
            }

            @Override
            public void failed(Throwable cause) {
                told.add("failed " + cause.getClass().getSimpleName());
            }
        };
        CrlConfig config = config(Duration.ofHours(24), Duration.ofMinutes(5));
        CrlModule module = module(config, Clock.systemUTC());
        module.onPublished(listener);
        Await.result(module.start());
        BigInteger first = module.current().orElseThrow().number();
        Await.result(module.publishNow());
        BigInteger second = module.current().orElseThrow().number();
        CrlModule broken = module(new CrlConfig(config.crlUrl(), config.servedPath(),
                "no-such-key", config.signerCertificate(), config.signerCertUrl(),
                config.validity(), config.refreshInterval()), Clock.systemUTC());
        broken.onPublished(listener);
        CompletionException failure = assertThrows(CompletionException.class,
                () -> Await.result(broken.publishNow()));

        assertEquals(List.of("published " + first, "published " + second, "failed "
                + failure.getCause().getClass().getSimpleName()), told);
    }

    @Test
    void constructor_signerWithoutCrlSign_isRefused() {
        // RFC 5280 §4.2.1.3: a CRL signer's certificate asserts cRLSign.
        CrlConfig base = config(Duration.ofHours(24), Duration.ofMinutes(5));
        CrlConfig config = new CrlConfig(base.crlUrl(), base.servedPath(), ALIAS,
                pki.signerWithoutCrlSign(),
                base.signerCertUrl(), base.validity(), base.refreshInterval());

        assertThrows(IllegalArgumentException.class,
                () -> new CrlModule(vertx, pool(), signer, source, config, Clock.systemUTC()));
    }

    @Test
    void validate_refreshNotShorterThanHalfValidity_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> config(Duration.ofHours(2),
                Duration.ofHours(1)).validate());
    }

    CrlModule module(CrlConfig config, Clock clock) {
        CrlModule module = new CrlModule(vertx, pool(), signer, source, config, clock);
        modules.add(module);
        return module;
    }

    Pool pool() {
        Pool pool = database.pool(vertx, 4);
        pools.add(pool);
        return pool;
    }

    private static java.nio.file.Path cacheDir() {
        return java.nio.file.Path.of(System.getProperty("java.io.tmpdir"),
                "stica-crl-test-" + java.util.UUID.randomUUID());
    }

    Vertx vertx() {
        return vertx;
    }

    static CrlConfig config(Duration validity, Duration refresh) {
        return new CrlConfig(CRL_URL, "/download/v1/crl", ALIAS, pki.signer(),
                Optional.of(URI.create("https://pa.example.test/download/v1/crl-signer.crt")),
                        validity, refresh);
    }

    private RevokedEntry revoke(int serial) {
        RevokedEntry entry = new RevokedEntry(BigInteger.valueOf(1000 + serial),
                Instant.now().truncatedTo(ChronoUnit.SECONDS), 1, TestPki.ISSUING_CA);
        source.revoke(entry);
        return entry;
    }

    private StoredCrl newest() {
        return Await.result(new PgCrlStore(vertx, pool(), cacheDir()).newest()).orElseThrow();
    }

    static X509CRL jca(byte[] der) throws Exception {
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(
                new ByteArrayInputStream(der));
    }

    private static void waitUntil(BooleanSupplier condition, Duration max) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + max);
            }
            Thread.sleep(50);
        }
    }
}
