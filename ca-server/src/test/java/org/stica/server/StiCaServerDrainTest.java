package org.stica.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stica.acme.port.IssuanceRequest;
import org.stica.acme.port.IssuedCertificate;
import org.stica.policy.tnauth.TnAuthList;
import org.stica.policy.tnauth.TnAuthListCodec;

/**
 * SIGTERM drains (ARCHITECTURE.md §5 invariant 5, issue 14): requests in flight finish, new ACME
 * requests and admin changes get 503 with {@code Retry-After}, downloads go on, health reports
 * draining, and close completes within {@code shutdown.drainSeconds}. A request is held in
 * flight by a real slow dependency: PostgreSQL, with the {@code certificate} table locked by the
 * test.
 */
class StiCaServerDrainTest {
    private static final Duration BOUND = Duration.ofSeconds(20);
    private static TestCa ca;
    private static Vertx vertx;
    private static WebClient client;
    private StiCaServer server;

    @BeforeAll
    static void setUpCa() {
        ca = TestCa.create().with("STICA_SHUTDOWN_DRAIN_SECONDS",
                Long.toString(BOUND.toSeconds()));
        StiCaServer.initCa(ca.config());
        vertx = Vertx.vertx();
        client = WebClient.create(vertx);
    }

    @AfterAll
    static void tearDownCa() {
        client.close();
        vertx.close().await();
        ca.close();
    }

    @BeforeEach
    void startServer() {
        server = StiCaServer.start(vertx, ca.config()).await();
    }

    @AfterEach
    void closeServer() {
        server.close().await();
    }

    @Test
    void close_requestsInFlight_finishThemRefusesNewAcmeAndClosesWithinTheBound()
            throws Exception {
        IssuedCertificate issued = issue("DRNA");
        Future<HttpResponse<Buffer>> revoke;
        Future<HttpResponse<Buffer>> download;
        Future<Void> closed;
        long start;
        try (Connection lock = lockCertificateTable()) {
            revoke = client.postAbs(adminUrl("/admin/v1/certificates/" + issued.serialHex()
                            + "/revoke")).bearerTokenAuthentication(TestCa.ADMIN_TOKEN)
                    .putHeader("Content-Type", "application/json")
                    .sendBuffer(Buffer.buffer("{\"reason\":\"superseded\"}"));
            download = client.getAbs(publicUrl("/cr/0123456789abcdef.pem")).send();
            awaitLockWaiters(2);

            start = System.nanoTime();
            closed = server.close();

            assertNewAcmeRefused(client.postAbs(server.directoryUrl().replace("directory",
                    "new-account")).putHeader("Content-Type", "application/jose+json")
                    .sendBuffer(Buffer.buffer("{}")).await());
            assertNewAcmeRefused(client.getAbs(server.directoryUrl()).send().await());
            HttpResponse<Buffer> adminChange = client.postAbs(adminUrl("/admin/v1/crls/publish"))
                    .bearerTokenAuthentication(TestCa.ADMIN_TOKEN).send().await();
            assertEquals(503, adminChange.statusCode());
            assertEquals("application/problem+json", adminChange.getHeader("Content-Type"));
            assertEquals(200, client.getAbs(publicUrl("/crl/shaken.crl")).send().await()
                    .statusCode(), "CRL downloads go on while draining");
            HttpResponse<Buffer> health = client.getAbs(adminUrl("/admin/v1/health"))
                    .bearerTokenAuthentication(TestCa.ADMIN_TOKEN).send().await();
            assertEquals(503, health.statusCode());
            assertEquals("draining", health.bodyAsJsonObject().getString("status"));
            assertEquals(503, client.getAbs(adminUrl("/readyz")).send().await().statusCode(),
                    "not ready while draining (issue 17 probes)");
            assertEquals(200, client.getAbs(adminUrl("/livez")).send().await().statusCode());
            assertFalse(revoke.isComplete() || download.isComplete() || closed.isComplete(),
                    "the held requests are still in flight and close waits for them");
            lock.rollback();
        }

        assertEquals(200, revoke.await().statusCode(), revoke.result().bodyAsString());
        assertEquals(404, download.await().statusCode());
        closed.await();
        long took = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertTrue(took < BOUND.toMillis(), "closed after " + took + " ms");
        assertEquals(1, auditEvents("certificate.revoked"), "the audit append was flushed");
    }

    @Test
    void drain_boundPasses_closesWithTheRequestStillInFlight() throws Exception {
        try (Connection lock = lockCertificateTable()) {
            Future<HttpResponse<Buffer>> download =
                    client.getAbs(publicUrl("/cr/00000000000000ff.pem")).send();
            awaitLockWaiters(1);
            long start = System.nanoTime();

            server.drain(Duration.ofSeconds(1)).await();

            long took = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertTrue(took >= 900 && took < 10_000, "drained after " + took + " ms");
            assertFalse(download.isComplete());
            lock.rollback();
            download.await();
        }
    }

    private static void assertNewAcmeRefused(HttpResponse<Buffer> response) {
        // RFC 8555 §6.7 serverInternal, with the RFC 9110 §10.2.3 Retry-After of §6.6
        assertEquals(503, response.statusCode(), response.bodyAsString());
        assertEquals("application/problem+json", response.getHeader("Content-Type"));
        assertEquals("5", response.getHeader("Retry-After"));
        JsonObject problem = response.bodyAsJsonObject();
        assertEquals("urn:ietf:params:acme:error:serverInternal", problem.getString("type"));
    }

    private static Connection lockCertificateTable() throws Exception {
        Connection c = jdbc();
        c.setAutoCommit(false);
        c.createStatement().execute("LOCK TABLE certificate IN ACCESS EXCLUSIVE MODE");
        return c;
    }

    /** Waits until {@code count} server statements wait for the test's lock. */
    private static void awaitLockWaiters(int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        try (Connection c = jdbc()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM"
                        + " pg_stat_activity WHERE wait_event_type = 'Lock'"
                        + " AND datname = current_database()")) {
                    rs.next();
                    if (rs.getInt(1) >= count) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError(count + " statements never waited for the lock");
    }

    private static int auditEvents(String type) throws Exception {
        try (Connection c = jdbc(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT count(*) FROM audit_event WHERE type = '" + type + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static Connection jdbc() throws Exception {
        return DriverManager.getConnection(ca.db().jdbcUrl(), ca.db().user(),
                ca.db().password());
    }

    private IssuedCertificate issue(String spc) {
        return server.certificateAuthority().issue(new IssuanceRequest("acct-drain",
                "order-" + spc, newKey(), TnAuthListCodec.encode(TnAuthList.ofSpc(spc)), spc,
                false, Optional.empty(), Optional.empty(), Instant.now().plusSeconds(3600),
                TestSubscribers.CARRIER, Optional.empty()))
                .await();
    }

    private String publicUrl(String path) {
        return "http://127.0.0.1:" + server.publicPort() + path;
    }

    private String adminUrl(String path) {
        return "http://127.0.0.1:" + server.adminPort() + path;
    }

    private static PublicKey newKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair().getPublic();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
