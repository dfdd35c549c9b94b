package org.stica.acme.store.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stica.acme.store.pg.StoreFixtures.authzValue;
import static org.stica.acme.store.pg.StoreFixtures.challengeValue;
import static org.stica.acme.store.pg.StoreFixtures.failure;
import static org.stica.acme.store.pg.StoreFixtures.orderValue;
import static org.stica.acme.store.pg.StoreFixtures.settle;
import static org.stica.acme.store.pg.StoreFixtures.succeeded;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.stica.acme.model.Authz;
import org.stica.acme.model.CertificateRecord;
import org.stica.acme.model.ChallengeStatus;
import org.stica.acme.model.Order;
import org.stica.acme.model.OrderStatus;
import org.stica.acme.model.RandomIds;
import org.stica.acme.support.AcmeTestServer;
import org.stica.acme.support.Await;

/**
 * Order creation and finalization transitions, each one statement: the order, authorization and
 * challenge are created together or not at all (RFC 8555 §7.4); ready → processing has one
 * winner; the certificate is recorded only together with processing → valid, exactly once
 * (RFC 8555 §7.1.6, §7.4.2).
 */
class PgOrderStoreTest {
    private static final String ACCOUNT = "acct-order-store";
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);
    private static final long NO_LIMIT = Long.MAX_VALUE;

    @RegisterExtension
    static final AcmeTestServer server = new AcmeTestServer();
    private static StoreFixtures db;
    private static PgOrderStore store;

    @BeforeAll
    static void start() {
        db = new StoreFixtures(server.pool);
        store = new PgOrderStore(server.pool);
        db.account(ACCOUNT);
    }

    private static String order(String status) {
        String id = RandomIds.next();
        db.order(id, ACCOUNT, status);
        return id;
    }

    private static CertificateRecord certificate(String orderId, String serialHex) {
        return new CertificateRecord(RandomIds.next(), orderId, ACCOUNT, serialHex,
                "-----BEGIN CERTIFICATE-----", "https://cr.example.test/" + serialHex, NOW);
    }

    private static long certificates(String orderId) {
        return db.count("SELECT count(*) FROM acme_certificate WHERE order_id = $1", orderId);
    }

    private static String serial() {
        return Long.toHexString(Math.abs(new java.security.SecureRandom().nextLong()) | 1);
    }

    @Test
    void create_storesOrderAuthzAndChallengeReadBackInOneQuery() {
        Order order = orderValue(RandomIds.next(), ACCOUNT);
        Authz authz = authzValue(RandomIds.next(), order.id(), ACCOUNT);
        Await.result(store.create(order, authz, challengeValue(RandomIds.next(), authz.id(),
                ChallengeStatus.PENDING), NOW, HOUR, NO_LIMIT, TestNonces.fresh()));

        PgOrderStore.WithAuthzs found = Await.result(store.findWithAuthzs(order.id()))
                .orElseThrow();
        assertEquals(order.id(), found.order().id());
        assertEquals(OrderStatus.PENDING, found.order().status());
        assertEquals(List.of(authz.id()), found.authzs().stream().map(Authz::id).toList());
        assertEquals(1, db.count("SELECT count(*) FROM acme_challenge WHERE authz_id = $1",
                authz.id()));
        assertFalse(Await.result(store.findWithAuthzs("unknown")).isPresent());
    }

    @Test
    void create_lastInsertFails_storesNothingAndMapsTheUniqueViolation() {
        Order first = orderValue(RandomIds.next(), ACCOUNT);
        Authz firstAuthz = authzValue(RandomIds.next(), first.id(), ACCOUNT);
        String challengeId = RandomIds.next();
        Await.result(store.create(first, firstAuthz, challengeValue(challengeId, firstAuthz.id(),
                ChallengeStatus.PENDING), NOW, HOUR, NO_LIMIT, TestNonces.fresh()));
        Instant tat = rate(ACCOUNT);

        Order second = orderValue(RandomIds.next(), ACCOUNT);
        Authz secondAuthz = authzValue(RandomIds.next(), second.id(), ACCOUNT);
        // the challenge id collides, so the statement's last INSERT fails
        Throwable failure = failure(store.create(second, secondAuthz, challengeValue(challengeId,
                secondAuthz.id(), ChallengeStatus.PENDING), NOW, HOUR, NO_LIMIT,
                TestNonces.fresh()));
        assertTrue(failure instanceof AlreadyReplacedException, String.valueOf(failure));
        assertEquals(0, db.count("SELECT count(*) FROM acme_order WHERE id = $1", second.id()));
        assertEquals(0, db.count("SELECT count(*) FROM acme_authz WHERE id = $1",
                secondAuthz.id()));
        assertEquals(tat, rate(ACCOUNT), "the failed statement took nothing from the rate");
    }

    @Test
    void create_ratePerAccount_burstThenOneEveryStepAndRefusedStoresNothing() {
        String account = "acct-limited";
        db.account(account);
        // 2 per hour: a burst of 2, then one every 30 minutes (RFC 8555 §6.6)
        assertTrue(create(account, NOW).created());
        assertTrue(create(account, NOW).created());
        Instant tat = rate(account);
        assertEquals(NOW.plus(HOUR), tat);

        Order refused = orderValue(RandomIds.next(), account);
        Authz refusedAuthz = authzValue(RandomIds.next(), refused.id(), account);
        PgOrderStore.Creation limited = Await.result(store.create(refused, refusedAuthz,
                challengeValue(RandomIds.next(), refusedAuthz.id(), ChallengeStatus.PENDING),
                NOW, HOUR, 2, TestNonces.fresh()));
        assertFalse(limited.created());
        assertEquals(NOW.plus(Duration.ofMinutes(30)), limited.admittedAt());
        assertEquals(0, db.count("SELECT count(*) FROM acme_order WHERE id = $1", refused.id()));
        assertEquals(0, db.count("SELECT count(*) FROM acme_authz WHERE id = $1",
                refusedAuthz.id()));
        assertEquals(2, db.count("SELECT count(*) FROM acme_order WHERE account_id = $1",
                account));
        assertEquals(tat, rate(account), "a refused order leaves the rate as it was");

        // a second before the step it is still refused; at the step it is admitted
        assertFalse(create(account, NOW.plus(Duration.ofMinutes(30)).minusSeconds(1)).created());
        assertTrue(create(account, NOW.plus(Duration.ofMinutes(30))).created());
        assertFalse(create(account, NOW.plus(Duration.ofMinutes(30))).created());
        // another account has its own rate
        db.account("acct-other");
        assertTrue(create("acct-other", NOW).created());
        // after a quiet spell the whole burst is available again, not more
        Instant later = NOW.plus(Duration.ofHours(5));
        assertTrue(create(account, later).created());
        assertTrue(create(account, later).created());
        assertFalse(create(account, later).created());
        assertEquals(5, db.count("SELECT count(*) FROM acme_order WHERE account_id = $1",
                account));
    }

    private static Instant rate(String account) {
        return db.instant("SELECT tat FROM acme_order_rate WHERE account_id = $1", account);
    }

    @Test
    void create_replayedNonce_isBadNonceAndStoresNothing() {
        Order order = orderValue(RandomIds.next(), ACCOUNT);
        Authz authz = authzValue(RandomIds.next(), order.id(), ACCOUNT);
        byte[] nonce = TestNonces.random();
        assertTrue(Await.result(store.create(order, authz, challengeValue(RandomIds.next(),
                authz.id(), ChallengeStatus.PENDING), NOW, HOUR, NO_LIMIT,
                TestNonces.of(nonce))).created());
        assertEquals(1, TestNonces.recorded(db, nonce));
        Instant tat = rate(ACCOUNT);

        Order again = orderValue(RandomIds.next(), ACCOUNT);
        Authz againAuthz = authzValue(RandomIds.next(), again.id(), ACCOUNT);
        // RFC 8555 §6.5: the same nonce again → badNonce, and the statement wrote nothing
        PgAuthzStoreTest.assertBadNonce(failure(store.create(again, againAuthz,
                challengeValue(RandomIds.next(), againAuthz.id(), ChallengeStatus.PENDING),
                NOW, HOUR, NO_LIMIT, TestNonces.of(nonce))));
        assertEquals(0, db.count("SELECT count(*) FROM acme_order WHERE id = $1", again.id()));
        assertEquals(0, db.count("SELECT count(*) FROM acme_authz WHERE id = $1",
                againAuthz.id()));
        assertEquals(tat, rate(ACCOUNT), "a replay takes nothing from the rate");
    }

    @Test
    void claimForFinalize_replayedNonce_isBadNonceAndLeavesTheOrderReady() {
        String id = order("ready");
        byte[] nonce = TestNonces.random();
        assertTrue(Await.result(store.claimForFinalize(order("pending"), ACCOUNT, Instant.now(),
                TestNonces.of(nonce))).isEmpty());
        assertEquals(1, TestNonces.recorded(db, nonce), "spent although nothing was claimed");
        PgAuthzStoreTest.assertBadNonce(failure(store.claimForFinalize(id, ACCOUNT,
                Instant.now(), TestNonces.of(nonce))));
        assertEquals("ready", db.status("acme_order", id));
    }

    @Test
    void findWithAuthzs_foldingTheNonce_readsOnceAndReplayedIsBadNonce() {
        String id = order("pending");
        db.authz("a-" + id, id, ACCOUNT, "pending");
        byte[] nonce = TestNonces.random();
        PgOrderStore.WithAuthzs found = Await.result(store.findWithAuthzs(id,
                TestNonces.of(nonce))).orElseThrow();
        assertEquals(id, found.order().id());
        assertEquals(List.of("a-" + id), found.authzs().stream().map(Authz::id).toList());
        assertEquals(1, TestNonces.recorded(db, nonce));
        PgAuthzStoreTest.assertBadNonce(failure(store.findWithAuthzs(id, TestNonces.of(nonce))));
        byte[] other = TestNonces.random();
        assertTrue(Await.result(store.findWithAuthzs("unknown", TestNonces.of(other)))
                .isEmpty());
        assertEquals(1, TestNonces.recorded(db, other), "spent although nothing was found");
    }

    private static PgOrderStore.Creation create(String account, Instant now) {
        Order order = orderValue(RandomIds.next(), account);
        Authz authz = authzValue(RandomIds.next(), order.id(), account);
        return Await.result(store.create(order, authz, challengeValue(RandomIds.next(),
                authz.id(), ChallengeStatus.PENDING), now, HOUR, 2, TestNonces.fresh()));
    }

    @Test
    void findWithAuthzs_orderWithTwoAuthzs_listsBothById() {
        String id = order("pending");
        db.authz("b-" + id, id, ACCOUNT, "pending");
        db.authz("a-" + id, id, ACCOUNT, "valid");
        PgOrderStore.WithAuthzs found = Await.result(store.findWithAuthzs(id)).orElseThrow();
        assertEquals(List.of("a-" + id, "b-" + id),
                found.authzs().stream().map(Authz::id).toList());
    }

    @Test
    void claimForFinalize_manyAtOnce_exactlyOneWins() {
        String id = order("ready");
        List<Future<Optional<PgOrderStore.WithAuthzs>>> tries = IntStream.range(0, 4)
                .mapToObj(i -> store.claimForFinalize(id, ACCOUNT, Instant.now(),
                        TestNonces.fresh())).toList();
        settle(tries);
        // RFC 8555 §7.4: only one finalize moves the order ready → processing.
        assertEquals(1, tries.stream().filter(t -> t.result().isPresent()).count());
        assertEquals("processing", db.status("acme_order", id));
        assertTrue(Await.result(store.claimForFinalize(order("pending"), ACCOUNT, Instant.now(),
                TestNonces.fresh()))
                .isEmpty());
        assertTrue(Await.result(store.claimForFinalize(order("ready"), "another-account",
                Instant.now(), TestNonces.fresh())).isEmpty());
    }

    @Test
    void recordIssued_processing_recordsTheCertificateAndReturnsTheValidOrder() {
        String id = order("processing");
        CertificateRecord cert = certificate(id, serial());
        Order valid = Await.result(store.recordIssued(cert));
        assertEquals(OrderStatus.VALID, valid.status());
        assertEquals(Optional.of(cert.id()), valid.certificateId());
        assertEquals(Optional.of(cert.x5u()), valid.x5u());
        assertEquals(cert.serialHex(), db.value(
                "SELECT serial_hex FROM acme_certificate WHERE order_id = $1", id));
        assertEquals("valid", db.status("acme_order", id));
    }

    @Test
    void recordIssued_chainOfUsualSize_isStoredInlineAndUncompressed() {
        // Migration db/acme V12: a two-certificate PEM chain (just over 2 KB) is neither
        // compressed nor moved to the TOAST relation, which cost a chunk and its index entry.
        String id = order("processing");
        String toast = db.value("SELECT reltoastrelid::regclass::text FROM pg_class"
                + " WHERE oid = $1::regclass", "acme_certificate");
        long chunks = db.count("SELECT count(*) FROM " + toast);
        CertificateRecord cert = new CertificateRecord(RandomIds.next(), id, ACCOUNT, serial(),
                pem(800) + pem(640), "https://cr.example.test/inline", NOW);
        assertTrue(cert.chainPem().length() > 1_900, "as long as a SHAKEN chain (x5u: 1,900 B)");

        Await.result(store.recordIssued(cert));

        assertEquals(chunks, db.count("SELECT count(*) FROM " + toast));
        assertNull(db.value("SELECT pg_column_compression(chain_pem) FROM acme_certificate"
                + " WHERE order_id = $1", id));
        assertEquals(cert.chainPem(), db.value("SELECT chain_pem FROM acme_certificate"
                + " WHERE order_id = $1", id));
    }

    /** One PEM block of {@code length} random bytes, as incompressible as a certificate. */
    private static String pem(int length) {
        byte[] der = new byte[length];
        new Random(length).nextBytes(der);
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(der) + "\n-----END CERTIFICATE-----\n";
    }

    @Test
    void recordIssued_manyAtOnce_exactlyOneRecords() {
        for (int round = 0; round < 5; round++) {
            String id = order("processing");
            List<Future<Order>> records = IntStream.range(0, 3)
                    .mapToObj(i -> store.recordIssued(certificate(id, serial()))).toList();
            settle(records);
            // RFC 8555 §7.1.6: processing → valid once, with exactly one certificate.
            assertEquals(1, succeeded(records));
            assertEquals(1, certificates(id));
            Order winner = records.stream().filter(Future::succeeded).findFirst().orElseThrow()
                    .result();
            assertEquals(winner.certificateId().orElseThrow(), db.value(
                    "SELECT id FROM acme_certificate WHERE order_id = $1", id));
        }
    }

    @Test
    void recordIssued_orderNotProcessing_failsAndRecordsNoCertificate() {
        String id = order("ready");
        assertTrue(failure(store.recordIssued(certificate(id, serial())))
                instanceof IllegalStateException);
        assertEquals(0, certificates(id));
        assertEquals("ready", db.status("acme_order", id));
    }

    @Test
    void recordIssued_certificateInsertFails_leavesTheOrderProcessing() {
        String serial = serial();
        Await.result(store.recordIssued(certificate(order("processing"), serial)));
        String id = order("processing");
        // serial_hex is unique: the INSERT fails, so the UPDATE in the same statement is undone
        assertTrue(failure(store.recordIssued(certificate(id, serial))) != null);
        assertEquals("processing", db.status("acme_order", id));
        assertNull(db.value("SELECT certificate_id FROM acme_order WHERE id = $1", id));
        assertEquals(0, certificates(id));
    }

    @Test
    void recordFailed_processing_isInvalidWithTheError() {
        String id = order("processing");
        assertTrue(Await.result(store.recordFailed(id, "{\"type\":\"x\"}")));
        assertEquals("invalid", db.status("acme_order", id));
        // moved only from processing, and says so
        assertFalse(Await.result(store.recordFailed(id, "{\"type\":\"y\"}")));
        String ready = order("ready");
        assertFalse(Await.result(store.recordFailed(ready, "{\"type\":\"x\"}")));
        assertEquals("ready", db.status("acme_order", ready));
    }
}
