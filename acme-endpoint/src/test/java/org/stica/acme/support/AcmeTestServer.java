package org.stica.acme.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.stica.acme.AcmeConfig;
import org.stica.acme.AcmeModule;
import org.stica.acme.port.AcmeActivity;
import org.stica.acme.port.AcmePorts;
import org.stica.testing.TestDatabase;

/**
 * The ACME endpoint on a fresh PostgreSQL database (Flyway-migrated from {@code db/acme}), served
 * over real HTTP on a random port with fake ports, mounted the way ca-server mounts it.
 *
 * <p>A test class holds one in a {@code @RegisterExtension static final} field: after each test
 * it fails the test when an event loop was blocked (ARCHITECTURE.md rule 4), and after the last
 * one it closes the server. A test that starts its own calls {@link #close()} itself.
 */
public final class AcmeTestServer implements AutoCloseable, AfterEachCallback, AfterAllCallback {
    public final TestDatabase db;
    public final Vertx vertx;
    public final Pool pool;
    public final HttpServer server;
    public final AcmeConfig config;
    public final AcmeModule module;
    public final FakeCertificateAuthority ca = new FakeCertificateAuthority();
    public final FakeTokenValidator validator = new FakeTokenValidator();
    public final FakeSubscribers subscribers = new FakeSubscribers();
    public final FakeClaimConstraints claims = new FakeClaimConstraints();
    /** Audit events the endpoint recorded, as {@code "<type> <accountId> <details>"}. */
    public final List<String> audited = new CopyOnWriteArrayList<>();
    /** What the endpoint told its {@link AcmeActivity} port, e.g. {@code "orderCreated shaken"}. */
    public final List<String> activity = new CopyOnWriteArrayList<>();

    public AcmeTestServer(Clock clock) {
        this(clock, UnaryOperator.identity());
    }

    /** A server whose configuration {@code tune} adjusts (EAB, limits, page size, profiles). */
    public AcmeTestServer(Clock clock, UnaryOperator<AcmeConfig> tune) {
        db = TestDatabase.create();
        Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password())
                .locations("classpath:" + AcmeModule.MIGRATIONS).table("flyway_history_acme")
                .baselineOnMigrate(true).baselineVersion("0").load().migrate();
        vertx = Vertx.vertx(new VertxOptions().setMaxEventLoopExecuteTime(500)
                .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
                .setBlockedThreadCheckInterval(100)
                .setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
                .setWarningExceptionTime(500).setWarningExceptionTimeUnit(TimeUnit.MILLISECONDS));
        PgConnectOptions database = PgConnectOptions.fromUri(db.url());
        pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(4))
                .connectingTo(database).using(vertx).build();
        Router root = Router.router(vertx);
        server = Await.result(vertx.createHttpServer().requestHandler(root).listen(0));
        String publicUrl = "http://127.0.0.1:" + server.actualPort();
        AcmeConfig defaults = AcmeConfig.defaults(publicUrl);
        config = tune.apply(new AcmeConfig(publicUrl, defaults.basePath(),
                defaults.nonceLifetime(), Duration.ofHours(2), Duration.ofHours(1), 16 * 1024,
                defaults.spcPattern(), Optional.of("https://ca.example.test/tos"),
                Optional.empty()));
        module = new AcmeModule(vertx, pool, Optional.of(database), config,
                new AcmePorts(ca, validator, ca, (type, account, subject, details) -> {
                    audited.add(type + " " + account + " " + new java.util.TreeMap<>(details));
                    return io.vertx.core.Future.succeededFuture();
                }, subscribers, new RecordedActivity(activity), claims), clock);
        Await.result(module.start());
        root.route(config.basePath() + "/*").subRouter(module.router());
        if (!config.externalAccountRequired()) {
            warmUp();
        }
    }

    public AcmeTestServer() {
        this(Clock.systemUTC());
    }

    /**
     * One full enrollment so first-use class loading and JIT happen before a test counts
     * blocked-thread warnings; then forgets the warnings seen so far.
     */
    private void warmUp() {
        AcmeTestClient client = new AcmeTestClient(this);
        client.newAccount();
        byte[] der = TnAuthLists.spcs("1234");
        JsonObject order = client.post(url("/new-order"), new JsonObject().put("identifiers",
                new JsonArray().add(new JsonObject().put("type", "TNAuthList")
                        .put("value", TnAuthLists.text(der))))).bodyAsJsonObject();
        JsonObject authz = client.post(order.getJsonArray("authorizations").getString(0), "")
                .bodyAsJsonObject();
        client.post(authz.getJsonArray("challenges").getJsonObject(0).getString("url"),
                new JsonObject().put("atc", "warm.up.token"));
        JsonObject done = client.post(order.getString("finalize"), new JsonObject()
                .put("csr", AcmeTestClient.b64(TestPki.csr(TestPki.p256(), der))))
                .bodyAsJsonObject();
        client.post(done.getString("certificate"), "");
        client.post(url("/order/unknown"), "");
        BlockedThreadWatch.drain();
    }

    /** The activity told from index {@code from} on (take {@code activity.size()} before). */
    public List<String> activitySince(int from) {
        return List.copyOf(activity.subList(from, activity.size()));
    }

    public String url(String path) {
        return config.publicUrl() + config.basePath() + path;
    }

    /** Fails the test that just ran when an event loop was blocked during it. */
    @Override
    public void afterEach(ExtensionContext context) {
        assertEquals(List.of(), BlockedThreadWatch.drain(), "event loop was blocked");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        try {
            Await.result(server.close());
            Await.result(module.close());
            Await.result(pool.close());
            Await.result(vertx.close());
        } finally {
            db.close();
        }
    }
}
