package org.stica.acme.store.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.stica.acme.model.RandomIds;
import org.stica.acme.store.pg.PgAcmeRetention.PurgedOrders;
import org.stica.acme.support.AcmeTestServer;
import org.stica.acme.support.Await;

/**
 * The ACME part of the data lifecycle (issue 14) against real PostgreSQL: orders past the
 * retention go in batches with their authorizations, challenges and order copy of the
 * certificate; everything still needed (live authorizations, interrupted work, the copy of a
 * certificate that may still be live, accounts) stays.
 */
class PgAcmeRetentionTest {
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final Instant CUTOFF = NOW.minus(Duration.ofDays(90));
    private static final Duration DAY = Duration.ofDays(1);
    private static final String ACCOUNT = "acct-retention";

    @RegisterExtension
    static final AcmeTestServer server = new AcmeTestServer();
    private static StoreFixtures db;
    private final PgAcmeRetention retention = new PgAcmeRetention();

    @BeforeAll
    static void start() {
        db = new StoreFixtures(server.pool);
    }

    @BeforeEach
    void empty() {
        sql("TRUNCATE acme_challenge, acme_authz, acme_certificate, acme_order, acme_nonce_used,"
                + " acme_order_rate, acme_account CASCADE", Tuple.tuple());
        db.account(ACCOUNT);
    }

    /** An order expiring at {@code expires} with one authorization and one challenge. */
    private static String order(String status, Instant expires, Instant authzExpires,
                                String challengeStatus) {
        String order = RandomIds.next();
        String authz = RandomIds.next();
        sql("INSERT INTO acme_order (id, account_id, status, expires_at, identifier_value,"
                + " identifier_der, spc, created_at) VALUES ($1, $2, $3, $4, '1234', '\\x3000',"
                + " '1234', $4)", Tuple.of(order, ACCOUNT, status, utc(expires)));
        sql("INSERT INTO acme_authz (id, order_id, account_id, status, expires_at,"
                + " identifier_value, identifier_der) VALUES ($1, $2, $3, 'invalid', $4, '1234',"
                + " '\\x3000')", Tuple.of(authz, order, ACCOUNT, utc(authzExpires)));
        db.challenge(RandomIds.next(), authz, challengeStatus);
        return order;
    }

    private static String order(String status, Instant expires) {
        return order(status, expires, expires, "invalid");
    }

    private static void certificate(String order, Instant recorded) {
        String id = RandomIds.next();
        sql("INSERT INTO acme_certificate (id, order_id, account_id, serial_hex, chain_pem, x5u,"
                + " created_at) VALUES ($1, $2, $3, $1, 'pem', 'https://cr.test/x', $4)",
                Tuple.of(id, order, ACCOUNT, utc(recorded)));
    }

    private static void sql(String statement, Tuple params) {
        Await.result(server.pool.preparedQuery(statement).execute(params));
    }

    private static long count(String table) {
        return Await.result(server.pool.query("SELECT count(*) FROM " + table).execute())
                .iterator().next().getLong(0);
    }

    private static boolean exists(String orderId) {
        return db.count("SELECT count(*) FROM acme_order WHERE id = $1", orderId) == 1;
    }

    private static java.time.OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private PurgedOrders purge(Instant issuedBefore, int limit) {
        return Await.result(retention.purgeOrders(server.pool, CUTOFF, issuedBefore, limit));
    }

    @Test
    void purgeOrders_finalOrExpiredPastRetention_deletedInBatchesWithAuthzsAndChallenges() {
        for (int i = 0; i < 5; i++) {
            order(i % 2 == 0 ? "invalid" : "pending", CUTOFF.minus(DAY.multipliedBy(i + 1)));
        }
        order("ready", CUTOFF.minusSeconds(1));

        List<Long> batches = new ArrayList<>();
        PurgedOrders batch;
        do {
            batch = purge(CUTOFF, 2);
            batches.add(batch.orders());
            assertEquals(batch.orders(), batch.authzs());
            assertEquals(batch.orders(), batch.challenges());
        } while (batch.orders() == 2);

        assertEquals(List.of(2L, 2L, 2L, 0L), batches);
        assertEquals(0, count("acme_order"));
        assertEquals(0, count("acme_authz"));
        assertEquals(0, count("acme_challenge"));
        assertEquals(1, count("acme_account"), "accounts are never purged");
    }

    @Test
    void purgeOrders_insideRetention_kept() {
        String inside = order("invalid", CUTOFF.plusSeconds(1));
        String past = order("invalid", CUTOFF.minusSeconds(1));

        assertEquals(1, purge(CUTOFF, 10).orders());

        assertEquals(true, exists(inside));
        assertEquals(false, exists(past));
    }

    @Test
    void purgeOrders_authorizationStillInsideRetention_orderKept() {
        // RFC 8555 §7.6: a valid authorization lets its account revoke; keep the order tree
        // until every authorization of the order is past the retention too.
        String order = order("invalid", CUTOFF.minus(DAY), CUTOFF.plus(DAY), "invalid");

        assertEquals(0, purge(CUTOFF, 10).orders());
        assertEquals(true, exists(order));
    }

    @Test
    void purgeOrders_processingOrderOrChallenge_keptForTheStuckWorkSweeper() {
        // ARCHITECTURE.md §5 invariant 2: interrupted work is closed by a sweep that checks
        // whether a certificate was issued; retention never decides it.
        String processing = order("processing", CUTOFF.minus(DAY));
        String challengeProcessing = order("invalid", CUTOFF.minus(DAY), CUTOFF.minus(DAY),
                "processing");

        assertEquals(0, purge(CUTOFF, 10).orders());
        assertEquals(true, exists(processing));
        assertEquals(true, exists(challengeProcessing));
    }

    @Test
    void purgeOrders_validOrder_keptWhileItsCertificateMayBeLive() {
        // RFC 8555 §7.4.2 (download), §7.6 (revocation by the issuing account) and RFC 9773 §5
        // (replaces) read the order copy of the certificate: it stays until the caller's
        // issuedBefore says every certificate recorded before it has expired past retention.
        String valid = order("valid", CUTOFF.minus(DAY.multipliedBy(30)));
        Instant recorded = CUTOFF.minus(DAY.multipliedBy(31));
        certificate(valid, recorded);
        String validWithoutCopy = order("valid", CUTOFF.minus(DAY.multipliedBy(30)));

        assertEquals(0, purge(recorded, 10).orders(), "recorded at issuedBefore: kept");
        assertEquals(1, count("acme_certificate"));

        PurgedOrders purged = purge(recorded.plusSeconds(1), 10);

        assertEquals(1, purged.orders());
        assertEquals(1, purged.certificates());
        assertEquals(false, exists(valid));
        assertEquals(0, count("acme_certificate"));
        assertEquals(true, exists(validWithoutCopy), "a valid order without its certificate"
                + " copy is an anomaly left for an operator, never purged");
    }

    @Test
    void purgeUsedNonces_expiredBeforeCutoff_deletedInBatches() {
        // RFC 8555 §6.5: an expired nonce is refused before acme_nonce_used is asked, so its row
        // no longer prevents a replay; a row of a nonce still redeemable stays.
        for (int i = 0; i < 3; i++) {
            sql("INSERT INTO acme_nonce_used (value, expires_at) VALUES ($1, $2)",
                    Tuple.of(io.vertx.core.buffer.Buffer.buffer(new byte[] {(byte) i}),
                            utc(NOW.minusSeconds(120 + i))));
        }
        sql("INSERT INTO acme_nonce_used (value, expires_at) VALUES ('\\x99', $1)",
                Tuple.of(utc(NOW.minusSeconds(30))));
        Instant before = NOW.minus(PgNonceStore.PURGE_GRACE);

        assertEquals(2, Await.result(retention.purgeUsedNonces(server.pool, before, 2)));
        assertEquals(1, Await.result(retention.purgeUsedNonces(server.pool, before, 2)));
        assertEquals(0, Await.result(retention.purgeUsedNonces(server.pool, before, 2)));
        assertEquals(1, count("acme_nonce_used"));
    }
}
