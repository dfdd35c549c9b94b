package org.stica.server.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.sqlclient.Pool;
import java.net.URI;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;
import org.stica.policy.token.X5uPolicy;
import org.stica.policy.trust.CaList;
import org.stica.policy.trust.TrustSnapshot;
import org.stica.server.audit.LoggingAuditLog;
import org.stica.server.config.StiCaConfig;
import org.stica.server.http.HttpProblem;
import org.stica.server.testing.PgTestDatabase;
import org.stica.server.token.X5uFetcher;

/**
 * Managed STI-PA trust over real PostgreSQL: anchors, the STI-PA CRL (STANDARDS.md §4.2) and the
 * CA list (§4.3), shared between two instances through the database.
 */
class TrustModuleTest {
    private static PgTestDatabase db;
    private static Vertx vertx;
    private static Pool pool;
    private static HttpServer paServer;
    private static TrustPki pki;
    private static X5uFetcher fetcher;
    private static String origin;
    private static final AtomicReference<String> CRL_BODY = new AtomicReference<>("");
    private static final AtomicReference<Integer> CRL_STATUS = new AtomicReference<>(200);
    private static final AtomicReference<String> CA_LIST_BODY = new AtomicReference<>("");
    private static TrustModule first;
    private static TrustModule second;

    @BeforeAll
    static void setUp() throws Exception {
        db = PgTestDatabase.create();
        vertx = db.vertx();
        pool = db.pool();
        pki = new TrustPki("Test STI-PA");
        String signerPem = TrustPki.pem(pki.signer);
        paServer = vertx.createHttpServer().requestHandler(request -> {
            switch (request.path()) {
                case "/crl" -> request.response().setStatusCode(CRL_STATUS.get())
                        .end(CRL_BODY.get());
                case "/ca-list" -> request.response().end(CA_LIST_BODY.get());
                default -> request.response().end(signerPem);
            }
        }).listen(0, "127.0.0.1").await();
        origin = "http://127.0.0.1:" + paServer.actualPort();
        fetcher = new X5uFetcher(vertx, 65536, Duration.ofSeconds(2), Clock.systemUTC());
        first = module();
        second = module();
        first.start(List.of(pki.root)).await();
        second.start(List.of(pki.root)).await();
    }

    private static TrustModule module() {
        StiCaConfig.Pa pa = new StiCaConfig.Pa(Optional.empty(), List.of(origin + "/x5u"),
                Duration.ofSeconds(60), 65536, Duration.ofSeconds(2),
                Optional.of(URI.create(origin + "/crl")), Duration.ofHours(1),
                Duration.ofHours(1), Optional.of(URI.create(origin + "/ca-list")),
                Duration.ofHours(1), StiCaConfig.PaRole.DISABLED);
        return new TrustModule(vertx, pool, pa, new X5uPolicy(pa.x5uAllowedPrefixes()), fetcher,
                new LoggingAuditLog(), Clock.systemUTC());
    }

    @AfterAll
    static void tearDown() {
        first.stop();
        second.stop();
        fetcher.close();
        paServer.close().await();
        db.close();
    }

    @Test
    void start_configuredRoot_isSeededOnceAndTrusted() throws Exception {
        List<StoredAnchor> anchors = anchors().list().await();
        assertEquals(1, anchors.stream().filter(a -> a.certificate().equals(pki.root)).count());
        assertTrue(first.snapshot().get().roots().contains(pki.root));
    }

    @Test
    void addAnchor_onOneInstance_isSeenByTheOtherAfterReload() throws Exception {
        TrustPki other = new TrustPki("Second STI-PA");
        StoredAnchor added = anchors().add(TrustPki.pem(other.root), "test").await();
        assertEquals("admin", added.source());
        snapshots(second).reload().await();
        assertTrue(second.snapshot().get().roots().contains(other.root));
        anchors().remove(added.id(), "test").await();
        snapshots(second).reload().await();
        assertFalse(second.snapshot().get().roots().contains(other.root));
    }

    @Test
    void addAnchor_leafCertificate_refusedWithProblem() throws Exception {
        HttpProblem problem = assertThrows(HttpProblem.class,
                () -> anchors().add(TrustPki.pem(pki.signer), "test").await());
        assertEquals(400, problem.status());
        assertTrue(problem.detail().contains("CA certificate"), problem.detail());
    }

    @Test
    void addAnchor_notPem_refusedWithProblem() {
        HttpProblem problem = assertThrows(HttpProblem.class,
                () -> anchors().add("hello", "test").await());
        assertEquals(400, problem.status());
    }

    @Test
    void removeAnchor_unknownId_is404() {
        HttpProblem problem = assertThrows(HttpProblem.class,
                () -> anchors().remove(999_999, "test").await());
        assertEquals(404, problem.status());
    }

    @Test
    void refreshCrl_pemCrlListingSigner_marksSignerRevokedOnBothInstances() throws Exception {
        // STANDARDS.md §0 trap 8: the STI-PA CRL arrives as PEM; §4.2: keep it as last good.
        X509CRL crl = pki.crl(10, List.of(pki.signer));
        CRL_BODY.set(TrustPki.pem(crl));
        CRL_STATUS.set(200);
        crl(first).refresh().await();
        assertTrue(first.snapshot().get().revoked(pki.signer));
        snapshots(second).reload().await();
        TrustSnapshot seen = second.snapshot().get();
        assertTrue(seen.revoked(pki.signer));
        assertTrue(seen.staleness(Instant.now()).isEmpty());
        assertTrue(seen.staleness(Instant.now().plus(Duration.ofHours(2))).isPresent());
        // A failed download keeps the last good copy.
        CRL_STATUS.set(500);
        assertThrows(IllegalStateException.class, () -> crl(first).refresh().await());
        assertTrue(first.snapshot().get().revoked(pki.signer));
        // A CRL signed by someone else is refused.
        TrustPki forger = new TrustPki("Test STI-PA");
        CRL_BODY.set(TrustPki.pem(forger.crl(11, List.of())));
        CRL_STATUS.set(200);
        PolicyException e = assertThrows(PolicyException.class,
                () -> crl(first).refresh().await());
        assertEquals(Violation.PA_CRL_INVALID, e.violation());
    }

    @Test
    void refreshCaList_increasingSequence_acceptedThenRollbackRefused() throws Exception {
        // STANDARDS.md §4.3 item 4: reject sequence <= the last accepted one.
        TrustPki stiCa = new TrustPki("Some STI-CA");
        URI x5u = URI.create(origin + "/x5u/signer.pem");
        CA_LIST_BODY.set("{\"status\":\"success\",\"caList\":\""
                + pki.caList(5, x5u, stiCa.root) + "\"}");
        CaList accepted = caLists(first).refresh().await();
        assertEquals(5, accepted.sequence());
        assertEquals(List.of(stiCa.root), accepted.roots());
        CA_LIST_BODY.set(pki.caList(5, x5u, stiCa.root));
        PolicyException e = assertThrows(PolicyException.class,
                () -> caLists(second).refresh().await());
        assertEquals(Violation.CA_LIST_ROLLBACK, e.violation());
    }

    private static TrustAnchorService anchors() {
        return first.anchors();
    }

    private static TrustSnapshotService snapshots(TrustModule module) {
        return module.snapshots();
    }

    private static PaCrlService crl(TrustModule module) {
        return module.crl();
    }

    private static CaListService caLists(TrustModule module) {
        return module.caList();
    }
}
