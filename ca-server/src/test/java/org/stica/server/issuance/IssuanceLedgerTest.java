package org.stica.server.issuance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.acme.port.DependencyUnavailableException;
import org.stica.acme.port.IssuanceOutcome;
import org.stica.acme.model.CertificateRecord;
import org.stica.acme.port.IssuanceRequest;
import org.stica.acme.port.IssuedCertificate;
import org.stica.acme.service.PemChain;
import org.stica.acme.store.pg.IssuedOrderSql;
import org.stica.hsm.KeyVault;
import org.stica.hsm.KeyVaultException;
import org.stica.hsm.KeyVaultFactory;
import org.stica.hsm.SignerPool;
import org.stica.server.StiCaServer;
import org.stica.server.TestCa;
import org.stica.server.acmeport.CaIssuanceRecords;
import org.stica.server.audit.AuditVerifier;
import org.stica.server.audit.store.pg.PgAuditLog;
import org.stica.server.audit.store.pg.PgAuditStore;
import org.stica.server.ca.CaHierarchy;
import org.stica.server.ca.KeyVaultSettings;
import org.stica.server.config.StiCaConfig;
import org.stica.server.store.pg.PgCaKeyStore;
import org.stica.server.store.pg.PgCertificateStore;
import org.stica.server.store.pg.PgCertificateStore.Recorded;
import org.stica.server.store.pg.PgPools;
import org.stica.testing.ForwardingKeyVault;

/**
 * Issue 14 invariant 1 (ARCHITECTURE.md §5 item 1): every certificate the CA key signed is
 * recorded with exactly one {@code certificate.issued} audit event (serial, SPC, account,
 * order, TBS hash), written in the statement that records it; a reservation whose certificate
 * was not delivered is resolved as {@code abandoned}, audited, never reused and never served;
 * an order's outcome is read from these records (invariant 2). Real PostgreSQL and SoftHSM.
 */
class IssuanceLedgerTest {
    private static final String SHAKEN_CP = "2.16.840.1.114569.1.1.4";

    private static TestCa ca;
    private static Vertx vertx;
    private static Pool pool;
    private static KeyVault token;
    /** What the vault does instead of handing out a key: null = hand it out. */
    private static final AtomicReference<Runnable> keyFault = new AtomicReference<>();
    private static SignerPool signer;
    private static CaHierarchy hierarchy;
    private static PgCertificateStore store;
    private static IssuerProfile profile;

    @BeforeAll
    static void setUp() {
        ca = TestCa.create();
        StiCaConfig config = ca.config();
        StiCaServer.initCa(config);
        token = new ForwardingKeyVault(KeyVaultFactory.open(KeyVaultSettings.forServe(config))) {
            @Override
            public PrivateKey privateKey(String alias) {
                Runnable fault = keyFault.get();
                if (fault != null) {
                    fault.run();
                }
                return super.privateKey(alias);
            }
        };
        vertx = Vertx.vertx();
        pool = PgPools.create(vertx, config.database());
        signer = new SignerPool(vertx, token, 2, Duration.ofMillis(500));
        hierarchy = CaHierarchy.from(new PgCaKeyStore(pool).all().await());
        store = new PgCertificateStore(pool);
        profile = new IssuerProfile(hierarchy, "Test STI-CA", "US", SHAKEN_CP,
                Duration.ofDays(30), "https://ca.example.test");
    }

    @AfterAll
    static void tearDown() {
        signer.close();
        pool.close().await();
        vertx.close().await();
        token.close();
        ca.close();
    }

    @Test
    void issue_recordsTheCertificateWithExactlyOneIssuedEventCarryingItsTbsHash() throws Exception {
        IssuedCertificate issued = service().issue(IssuanceServiceTest.request("4001", "acct-l"))
                .await();

        X509Certificate certificate = issued.chain().get(0);
        List<JsonObject> events = events("certificate.issued", issued.serialHex());
        assertEquals(1, events.size());
        JsonObject details = new JsonObject(events.get(0).getString("details"));
        assertEquals("4001", details.getString("spc"));
        assertEquals("acct-l", details.getString("account"));
        assertEquals("order-4001", details.getString("order"));
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(certificate.getTBSCertificate())), details.getString("tbsSha256"));
        assertEquals(0L, count("SELECT count(*) FROM audit_outbox"));
        assertTrue(new AuditVerifier(new PgAuditStore(pool), Optional.empty()).verify().await()
                .intact());
    }

    @Test
    void issue_whileAnotherTransactionHoldsTheIssuersKeyRow_doesNotWaitForIt() throws Exception {
        // Migration db/ca V7: the serial reservation takes no lock on the signing key's ca_key
        // row, so concurrent reservations share no row and an open transaction on that row
        // (an operator's, a ceremony's) does not stall issuance.
        SqlConnection holder = pool.getConnection().await();
        try {
            holder.query("BEGIN").execute().await();
            holder.query("SELECT alias FROM ca_key WHERE role = 'intermediate' FOR UPDATE")
                    .execute().await();

            IssuedCertificate issued = service().issue(IssuanceServiceTest.request("4021",
                    "acct-l")).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

            assertEquals("issued", status(issued.serialHex()));
        } finally {
            holder.query("ROLLBACK").execute().await();
            holder.close().await();
        }
    }

    @Test
    void issue_queuesTheHoldersWebhookNotice_inTheRecordingStatement() {
        pool.query("INSERT INTO subscriber (id, legal_name, country, status, created_at,"
                + " created_by, changed_at, changed_by) VALUES ('sub-hooked', 'Hooked Telecom',"
                + " 'US', 'active', now(), 'test', now(), 'test'), ('sub-quiet', 'Quiet Telecom',"
                + " 'US', 'active', now(), 'test', now(), 'test')").execute().await();
        pool.query("INSERT INTO subscriber_spc (spc, subscriber_id) VALUES ('4011', 'sub-hooked'),"
                + " ('4012', 'sub-quiet')").execute().await();
        pool.query("INSERT INTO webhook_endpoint (subscriber_id, url, secret, created_at,"
                + " created_by) VALUES ('sub-hooked', 'https://hooks.example/stica', 'not-used',"
                + " now(), 'test')").execute().await();

        IssuedCertificate hooked = service().issue(IssuanceServiceTest.request("4011", "acct-l"))
                .await();
        IssuedCertificate quiet = service().issue(IssuanceServiceTest.request("4012", "acct-l"))
                .await();

        List<JsonObject> notices = new ArrayList<>();
        for (Row row : pool.query("SELECT subscriber_id, event_type, payload FROM"
                + " webhook_delivery WHERE subscriber_id IN ('sub-hooked', 'sub-quiet')")
                .execute().await()) {
            assertEquals("sub-hooked", row.getString(0));
            assertEquals("certificate.issued", row.getString(1));
            notices.add(new JsonObject(row.getString(2)));
        }
        assertEquals(1, notices.size(), "one notice, for the holder with a webhook only");
        JsonObject notice = notices.get(0);
        assertEquals("sub-hooked", notice.getString("subscriberId"));
        assertEquals("certificate.issued", notice.getString("type"));
        assertTrue(notice.getString("id").startsWith("whd-"));
        JsonObject data = notice.getJsonObject("data");
        assertEquals(hooked.serialHex(), data.getString("serial"));
        assertEquals("4011", data.getString("spc"));
        assertEquals(hooked.x5u().toString(), data.getString("x5u"));
        assertEquals(hooked.chain().get(0).getNotAfter().toInstant().toString(),
                data.getString("notAfter"));
        assertEquals("issued", status(quiet.serialHex()));
    }

    @Test
    void issue_hsmFails_abandonsTheReservationAudited_andDeliversNothing() {
        keyFault.set(() -> {
            throw new KeyVaultException(KeyVaultException.Kind.STORE_FAILURE, "CKR_DEVICE_ERROR");
        });
        try {
            assertThrows(KeyVaultException.class, () -> service()
                    .issue(IssuanceServiceTest.request("4002", "acct-l")).await());
        } finally {
            keyFault.set(null);
        }

        String serial = serialOfOrder("order-4002");
        assertEquals("abandoned", status(serial));
        assertEquals(1, events("certificate.reservation-abandoned", serial).size());
        assertTrue(events("certificate.issued", serial).isEmpty());
        assertEquals(IssuanceOutcome.State.NOT_ISSUED, records().outcomeOf("order-4002").await()
                .state());
    }

    @Test
    void issue_hsmHangs_failsFastAsUnavailable_andAbandonsTheReservation() {
        keyFault.set(() -> sleep(2_000));
        DependencyUnavailableException e;
        try {
            e = assertThrows(DependencyUnavailableException.class, () -> service()
                    .issue(IssuanceServiceTest.request("4003", "acct-l")).await());
        } finally {
            keyFault.set(null);
        }

        assertEquals("HSM", e.dependency());
        assertEquals("abandoned", status(serialOfOrder("order-4003")));
        assertTrue(signer.failure().isPresent(), "health reports the failing HSM");
        sleep(2_000);  // the hung operation ends; the next signature clears the failure
        service().issue(IssuanceServiceTest.request("4004", "acct-l")).await();
        assertTrue(signer.failure().isEmpty());
    }

    @Test
    void recover_staleReservation_isAbandonedOnce_freshOneIsLeft_andNeitherIsEverRecorded() {
        reserved("0bad01", "order-stale", 600);
        reserved("0bad02", "order-fresh", 1);
        ReservationRecovery recovery = new ReservationRecovery(vertx, store,
                new PgAuditLog(pool, Clock.systemUTC())::drainOutbox, Duration.ofMinutes(2),
                Clock.systemUTC());

        assertEquals(1, recovery.recover().await());
        assertEquals(0, recovery.recover().await());

        assertEquals("abandoned", status("0bad01"));
        assertEquals("reserved", status("0bad02"));
        JsonObject details = new JsonObject(events("certificate.reservation-abandoned", "0bad01")
                .get(0).getString("details"));
        assertEquals("order-stale", details.getString("order"));
        assertEquals(IssuanceOutcome.State.NOT_ISSUED, records().outcomeOf("order-stale").await()
                .state());
        assertEquals(IssuanceOutcome.State.PENDING, records().outcomeOf("order-fresh").await()
                .state());
        // a late record of the abandoned serial is refused: it is never delivered or served
        assertEquals(Recorded.NOTHING, store.recordIssued("0bad01", new byte[] {1},
                new OutboxEvent(java.time.Instant.now(), "certificate.issued", "x", "{}"),
                Optional.empty()).await());
        assertTrue(store.find("0bad01").await().orElseThrow().der().isEmpty());
    }

    @Test
    void outcomeOf_issuedOrder_givesItsChainAndX5u() {
        IssuedCertificate issued = service().issue(IssuanceServiceTest.request("4005", "acct-l"))
                .await();

        IssuanceOutcome outcome = records().outcomeOf("order-4005").await();

        assertEquals(IssuanceOutcome.State.ISSUED, outcome.state());
        IssuedCertificate found = outcome.certificate().orElseThrow();
        assertEquals(issued.chain(), found.chain());
        assertEquals(issued.x5u(), found.x5u());
        assertEquals(IssuanceOutcome.State.NOT_ISSUED,
                records().outcomeOf("order-never-finalized").await().state());
    }

    @Test
    void revoke_writesItsRevokedEventWithTheRevocation_exactlyOnce() {
        IssuedCertificate issued = service().issue(IssuanceServiceTest.request("4006", "acct-l"))
                .await();
        RevocationService revocation = new RevocationService(store, hierarchy,
                Future::succeededFuture, new PgAuditLog(pool, Clock.systemUTC()),
                Clock.systemUTC());

        revocation.revokeBySerial(issued.serialHex(), 1, "admin:ops").await();
        assertThrows(RuntimeException.class,
                () -> revocation.revokeBySerial(issued.serialHex(), 1, "admin:ops").await());

        List<JsonObject> revoked = events("certificate.revoked", issued.serialHex());
        assertEquals(1, revoked.size());
        assertEquals(1, new JsonObject(revoked.get(0).getString("details")).getInteger("reason"));
        assertEquals(1, events("certificate.revocation-refused", issued.serialHex()).size());
        assertEquals(0L, count("SELECT count(*) FROM audit_outbox"));
    }

    @Test
    void drainOutbox_twoInstancesAtOnce_chainEachEventExactlyOnce() {
        for (int i = 0; i < 300; i++) {
            reserved(String.format("0cafe%03d", i), "order-drain-" + i, 1);
            store.recordIssued(String.format("0cafe%03d", i), new byte[] {1},
                    new OutboxEvent(java.time.Instant.now(), "certificate.issued", "acct",
                            "{}"), Optional.empty()).await();
        }
        Pool otherInstance = PgPools.create(vertx, ca.config().database());
        try {
            PgAuditLog one = new PgAuditLog(pool, Clock.systemUTC());
            PgAuditLog two = new PgAuditLog(otherInstance, Clock.systemUTC());
            List<Future<Void>> drains = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                drains.add(one.drainOutbox());
                drains.add(two.drainOutbox());
            }
            Future.all(drains).await();
        } finally {
            otherInstance.close().await();
        }

        assertEquals(0L, count("SELECT count(*) FROM audit_outbox"));
        assertEquals(0L, count("SELECT count(*) FROM (SELECT subject FROM audit_event"
                + " WHERE subject LIKE '0cafe%' GROUP BY subject HAVING count(*) <> 1) d"));
        assertEquals(300L, count("SELECT count(*) FROM audit_event WHERE subject LIKE '0cafe%'"));
        assertTrue(new AuditVerifier(new PgAuditStore(pool), Optional.empty()).verify().await()
                .intact());
    }

    @Test
    void issue_forAProcessingAcmeOrder_recordsItValidInTheCertificatesStatement() {
        processingOrder("order-4101", "acct-o1");
        IssuedCertificate issued = service().issue(forOrder(
                IssuanceServiceTest.request("4101", "acct-o1"), "order-4101", "cert-4101"))
                .await();

        assertTrue(issued.orderRecorded());
        Row order = row("SELECT status, certificate_id, x5u FROM acme_order WHERE id = $1",
                "order-4101");
        assertEquals("valid", order.getString("status"));
        assertEquals("cert-4101", order.getString("certificate_id"));
        assertEquals(issued.x5u().toString(), order.getString("x5u"));
        Row copy = row("SELECT order_id, serial_hex, chain_pem FROM acme_certificate"
                + " WHERE id = $1", "cert-4101");
        assertEquals("order-4101", copy.getString("order_id"));
        assertEquals(issued.serialHex(), copy.getString("serial_hex"));
        assertEquals(2, copy.getString("chain_pem").split("-----BEGIN CERTIFICATE-----").length
                - 1);
        assertEquals("issued", row("SELECT status FROM certificate WHERE serial = $1",
                issued.serialHex()).getString("status"));
    }

    @Test
    void issue_forAnOrderNoLongerProcessing_recordsTheCertificateAndLeavesTheOrder() {
        processingOrder("order-4102", "acct-o2");
        pool.preparedQuery("UPDATE acme_order SET status = 'invalid' WHERE id = $1")
                .execute(Tuple.of("order-4102")).await();
        IssuedCertificate issued = service().issue(forOrder(
                IssuanceServiceTest.request("4102", "acct-o2"), "order-4102", "cert-4102"))
                .await();

        assertEquals(false, issued.orderRecorded());
        assertEquals("invalid", row("SELECT status FROM acme_order WHERE id = $1",
                "order-4102").getString("status"));
        assertEquals(0L, count("SELECT count(*) FROM acme_certificate WHERE id = 'cert-4102'"));
        assertEquals("issued", row("SELECT status FROM certificate WHERE serial = $1",
                issued.serialHex()).getString("status"));
        assertEquals(1, events("certificate.issued", issued.serialHex()).size());
    }

    @Test
    void issue_withoutAnAcmeCertificateId_recordsNoOrder() {
        processingOrder("order-4103", "acct-o3");
        IssuedCertificate issued = service().issue(IssuanceServiceTest.request("4103", "acct-o3"))
                .await();

        assertEquals(false, issued.orderRecorded());
        assertEquals("processing", row("SELECT status FROM acme_order WHERE id = $1",
                "order-4103").getString("status"));
    }

    /** An ACME account and its order at processing, as finalize's claim leaves it. */
    private static void processingOrder(String orderId, String account) {
        pool.preparedQuery("INSERT INTO acme_account (id, thumbprint, jwk, status, created_at)"
                + " VALUES ($1, $1, '{}', 'valid', now())").execute(Tuple.of(account)).await();
        pool.preparedQuery("INSERT INTO acme_order (id, account_id, status, expires_at,"
                + " identifier_value, identifier_der, spc, created_at, processing_since)"
                + " VALUES ($1, $2, 'processing', now() + interval '1 hour', 'x', '\\x00', 'x',"
                + " now(), now())").execute(Tuple.of(orderId, account)).await();
    }

    /** {@code r} for {@code orderId}, whose record (as finalize gives it) names the resource. */
    private static IssuanceRequest forOrder(IssuanceRequest r, String orderId,
                                            String certificateId) {
        return new IssuanceRequest(r.accountId(), orderId, r.subjectKey(), r.tnAuthListDer(),
                r.spc(), r.ca(), r.notBefore(), r.notAfter(), r.tokenExpires(), r.subscriber(),
                r.requestedSubject(), r.claimConstraints(), Optional.of(issued ->
                        IssuedOrderSql.part(new CertificateRecord(certificateId, orderId,
                                r.accountId(), issued.serialHex(), PemChain.encode(issued.chain()),
                                issued.x5u().toString(), Instant.now()))));
    }

    private static Row row(String query, String parameter) {
        return pool.preparedQuery(query).execute(Tuple.of(parameter)).await().iterator().next();
    }

    private static IssuanceService service() {
        IssuanceLedger ledger = new IssuanceLedger(store,
                new PgAuditLog(pool, Clock.systemUTC())::drainOutbox, Clock.systemUTC());
        return new IssuanceService(ledger, signer, profile, new RevocationService(store,
                hierarchy, Future::succeededFuture, Clock.systemUTC()), Clock.systemUTC());
    }

    private static CaIssuanceRecords records() {
        return new CaIssuanceRecords(store, alias -> hierarchy.intermediate(), profile::x5uOf);
    }

    private static void reserved(String serial, String order, int ageSeconds) {
        pool.preparedQuery("INSERT INTO certificate (serial, issuer_alias, status, order_id, spc,"
                + " tbs_sha256, not_before, not_after, created_at) VALUES ($1, 'intermediate-1',"
                + " 'reserved', $2, '1234', '\\x00', now(), now() + interval '1 day',"
                + " now() - make_interval(secs => $3))").execute(Tuple.of(serial, order, ageSeconds))
                .await();
    }

    private static String serialOfOrder(String order) {
        return pool.preparedQuery("SELECT serial FROM certificate WHERE order_id = $1")
                .execute(Tuple.of(order)).await().iterator().next().getString(0);
    }

    private static String status(String serial) {
        return pool.preparedQuery("SELECT status FROM certificate WHERE serial = $1")
                .execute(Tuple.of(serial)).await().iterator().next().getString(0);
    }

    private static List<JsonObject> events(String type, String subject) {
        List<JsonObject> found = new ArrayList<>();
        for (Row row : pool.preparedQuery("SELECT details FROM audit_event WHERE type = $1"
                + " AND subject = $2").execute(Tuple.of(type, subject)).await()) {
            found.add(new JsonObject().put("details", row.getString(0)));
        }
        return found;
    }

    private static long count(String query) {
        return pool.query(query).execute().await().iterator().next().getLong(0);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
