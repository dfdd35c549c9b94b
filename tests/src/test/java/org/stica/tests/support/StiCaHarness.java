package org.stica.tests.support;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.stica.server.StiCaServer;
import org.stica.server.config.StiCaConfig;
import org.stica.server.metrics.MetricsVertx;
import org.stica.testing.SoftHsmFixture;
import org.stica.testing.TestDatabase;

/**
 * One real STI-CA for end-to-end tests: a fresh PostgreSQL database, a fresh SoftHSM token holding
 * the CA keys (initialised through the same code as {@code init-ca}), the test STI-PA trusted, and
 * the server listening on loopback. Event-loop blocking is checked with a low threshold.
 */
public final class StiCaHarness implements AutoCloseable {
    public final Vertx vertx;
    public final TestDatabase db;
    public final SoftHsmFixture hsm;
    public final TestStiPa pa;
    public final Path dataDir;
    public final BlockedThreadWatch blocked;
    private final Map<String, String> env;
    private StiCaServer server;

    private StiCaHarness(Vertx vertx, TestDatabase db, SoftHsmFixture hsm, TestStiPa pa, Path dataDir,
                         BlockedThreadWatch blocked, Map<String, String> env) {
        this.vertx = vertx;
        this.db = db;
        this.hsm = hsm;
        this.pa = pa;
        this.dataDir = dataDir;
        this.blocked = blocked;
        this.env = env;
    }

    /**
     * The SPCs the end-to-end tests order, held by the harness's {@code test-carrier}: those
     * named in the tests, and 5001-5030 that IntermediateRolloverIT orders one after another.
     */
    public static final String[] TEST_SPCS = java.util.stream.Stream.concat(java.util.stream
            .Stream.of("1001", "1002", "1003", "1004", "1005", "1006", "1007", "1234", "2001",
                    "2002", "2003", "2222", "3001", "3002", "3333", "4001", "4002", "4003",
                    "4321", "4444", "5555", "5678", "567A", "6666", "7777", "8888", "9999",
                    "AAAA"), java.util.stream.IntStream.rangeClosed(5001, 5030)
            .mapToObj(Integer::toString)).toArray(String[]::new);

    public static StiCaHarness start() throws Exception {
        return start(Map.of());
    }

    /**
     * As {@link #start()} with extra {@code STICA_*} settings. Revocations publish the CRL at once
     * ({@code STICA_CRL_PUBLISH_DELAY=0}) unless {@code overrides} says otherwise.
     */
    public static StiCaHarness start(Map<String, String> overrides) throws Exception {
        return start(overrides, StiCaServer::initCa);
    }

    /** How a harness creates its CA hierarchy before the server starts. */
    @FunctionalInterface
    public interface CaSetUp {
        void create(StiCaConfig config) throws Exception;
    }

    /**
     * As {@link #start(Map)}, creating the CA hierarchy with {@code setUp} instead of
     * {@code init-ca} (e.g. the key ceremonies, with {@code STICA_CA_ROOT_ONLINE=false}).
     */
    public static StiCaHarness start(Map<String, String> overrides, CaSetUp setUp)
            throws Exception {
        return startWith(pa -> overrides, setUp);
    }

    /**
     * As {@link #start(Map)} with settings that name the harness's test STI-PA, e.g. its CRL
     * URL ({@code STICA_ECOSYSTEM_CRL_URL}, issue 20).
     */
    public static StiCaHarness startWith(Function<TestStiPa, Map<String, String>> overrides)
            throws Exception {
        return startWith(overrides, StiCaServer::initCa);
    }

    private static StiCaHarness startWith(Function<TestStiPa, Map<String, String>> overrides,
                                          CaSetUp setUp) throws Exception {
        BlockedThreadWatch blocked = BlockedThreadWatch.attach();
        // metrics on, as `serve` runs (issue 17: /metrics with Vert.x's HTTP and pool meters)
        Vertx vertx = MetricsVertx.create(new VertxOptions()
                .setMaxEventLoopExecuteTime(800).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
                .setBlockedThreadCheckInterval(100).setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
                .setWarningExceptionTime(800).setWarningExceptionTimeUnit(TimeUnit.MILLISECONDS));
        TestDatabase db = TestDatabase.create();
        SoftHsmFixture hsm = SoftHsmFixture.create("stica-e2e");
        TestStiPa pa = TestStiPa.start(vertx);
        Path dataDir = Files.createTempDirectory("stica-e2e");
        Path anchors = dataDir.resolve("pa-roots.pem");
        Files.writeString(anchors, pa.trustAnchorPem());
        int port = freePort();
        Map<String, String> env = new HashMap<>();
        env.put("STICA_HTTP_PORT", Integer.toString(port));
        env.put("STICA_ADMIN_PORT", Integer.toString(freePort()));
        env.put("STICA_PUBLIC_URL", "http://127.0.0.1:" + port);
        env.put("STICA_DB_URL", db.url());
        env.put("STICA_DATA_DIR", dataDir.toString());
        env.put("STICA_ADMIN_TOKEN", "e2e-admin-token-" + port);
        env.put("STICA_PA_TRUST_ANCHORS", anchors.toString());
        env.put("STICA_X5U_ALLOWED_PREFIXES", pa.x5uPrefix());
        env.put("STICA_HSM_LIBRARY", hsm.library().toString());
        env.put("STICA_HSM_TOKEN_LABEL", hsm.tokenLabel());
        env.put("STICA_HSM_PIN", new String(hsm.pin()));
        env.put("STICA_CRL_PUBLISH_DELAY", "0");
        // init-ca keeps the root in the one test token (issue 16: serve refuses it otherwise)
        env.put("STICA_CA_ROOT_ONLINE", "true");
        env.putAll(overrides.apply(pa));
        StiCaHarness h = new StiCaHarness(vertx, db, hsm, pa, dataDir, blocked, env);
        StiCaConfig config = h.config();
        setUp.create(config);
        ClassWarmUp.once(StiCaServer.class, org.stica.acme.AcmeModule.class,
                org.stica.crl.CrlModule.class, io.vertx.ext.web.Router.class, Vertx.class,
                io.vertx.pgclient.PgBuilder.class, io.vertx.sqlclient.templates.SqlTemplate.class,
                com.nimbusds.jose.JWSObject.class,
                com.fasterxml.jackson.core.JsonFactory.class,
                // the first HTTP/2 connection over TLS (ALPN) builds Netty's HTTP/2 codec
                io.netty.handler.codec.http2.Http2ConnectionHandler.class);
        h.server = StiCaServer.start(vertx, config).await();
        h.subscriber("test-carrier", "Test Carrier, Inc.", "US", TEST_SPCS);
        return h;
    }

    /**
     * Registers an active subscriber holding {@code spcs} straight in the registry's tables
     * (issue 15: a CA issues only for the SPCs of its active subscribers). Every harness has
     * {@code test-carrier} holding {@link #TEST_SPCS}, the SPCs the end-to-end tests order.
     */
    public void subscriber(String id, String legalName, String country, String... spcs)
            throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             PreparedStatement s = c.prepareStatement("INSERT INTO subscriber (id, legal_name,"
                     + " country, status, created_at, created_by, changed_at, changed_by)"
                     + " VALUES (?, ?, ?, 'active', now(), 'e2e', now(), 'e2e')");
             PreparedStatement spc = c.prepareStatement("INSERT INTO subscriber_spc (spc,"
                     + " subscriber_id) VALUES (?, ?)")) {
            s.setString(1, id);
            s.setString(2, legalName);
            s.setString(3, country);
            s.executeUpdate();
            for (String code : spcs) {
                spc.setString(1, code);
                spc.setString(2, id);
                spc.executeUpdate();
            }
        }
    }

    public StiCaConfig config() {
        return StiCaConfig.load(Optional.empty(), env);
    }

    public Map<String, String> env() {
        return Map.copyOf(env);
    }

    public StiCaServer server() {
        return server;
    }

    /** Starts a second instance on the same database and token (different ports). */
    public StiCaServer startSecondInstance() throws IOException {
        Map<String, String> second = new HashMap<>(env);
        int port = freePort();
        second.put("STICA_HTTP_PORT", Integer.toString(port));
        second.put("STICA_ADMIN_PORT", Integer.toString(freePort()));
        second.put("STICA_PUBLIC_URL", "http://127.0.0.1:" + port);
        return StiCaServer.start(vertx, StiCaConfig.load(Optional.empty(), second)).await();
    }

    /** Stops the server and starts it again on the same database, token and ports. */
    public StiCaServer restart() {
        server.close().await();
        server = null;
        server = StiCaServer.start(vertx, config()).await();
        return server;
    }

    public String directoryUrl() {
        return server.directoryUrl();
    }

    public String adminUrl() {
        return "http://127.0.0.1:" + server.adminPort();
    }

    public String adminToken() {
        return env.get("STICA_ADMIN_TOKEN");
    }

    /** Counts rows of a table with a plain JDBC query (test-side view of the database). */
    public long count(String sqlFromWhere) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) " + sqlFromWhere)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * The count once it reaches {@code atLeast}, polled for up to 5 s: for audit events, which
     * the server chains from its outbox shortly after the answer that caused them (README
     * "Performance").
     */
    public long countAtLeast(long atLeast, String sqlFromWhere) throws Exception {
        long count = count(sqlFromWhere);
        for (int i = 0; i < 100 && count < atLeast; i++) {
            Thread.sleep(50);
            count = count(sqlFromWhere);
        }
        return count;
    }

    /**
     * Closes the harness and fails if any event loop was blocked while it ran (house rule 4).
     * Call from {@code @AfterAll}; a null harness (start failed) is ignored.
     */
    public static void closeChecked(StiCaHarness h) throws Exception {
        if (h == null) {
            return;
        }
        List<String> warnings = h.blocked.warnings();
        h.close();
        if (!warnings.isEmpty()) {
            throw new AssertionError("event loop was blocked (house rule 4): " + warnings);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            if (server != null) {
                server.close().await();
            }
            pa.close();
            vertx.close().await();
        } finally {
            blocked.detach();
            hsm.close();
            db.close();
        }
    }

    /** A port free now (for settings that must name it before the server binds it). */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
