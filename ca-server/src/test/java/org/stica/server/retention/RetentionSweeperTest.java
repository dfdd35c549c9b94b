package org.stica.server.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stica.server.config.Retention;
import org.stica.server.retention.RetentionSweeper.Swept;
import org.stica.server.store.pg.PgRetentionLock;
import org.stica.server.testing.PgTestDatabase;

/**
 * The data lifecycle end to end on the whole schema (issue 14): two "instances" (two pools) on
 * one real PostgreSQL database, a fixed clock. What is past its retention goes in batches; what
 * is still needed, and every certificate, revocation, account and audit record, stays; a batch
 * runs on one instance only.
 */
class RetentionSweeperTest {
    private static final Instant NOW = Instant.parse("2035-06-01T00:00:00Z");
    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration SKEW = Duration.ofSeconds(60);
    private static final Retention RETENTION = new Retention(true, Duration.ofHours(1), 2,
            Duration.ofDays(90), Optional.of(Duration.ofDays(3650)));
    private static final Instant CUTOFF = NOW.minus(RETENTION.acmeOrders());
    private static final String ACCOUNT = "acct-retention";

    private static PgTestDatabase db;
    private static Vertx vertx;
    private static Pool pool;
    private static Pool otherInstancePool;

    @BeforeAll
    static void setUp() {
        db = PgTestDatabase.create();
        vertx = db.vertx();
        pool = db.pool();
        otherInstancePool = db.pool();
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    @BeforeEach
    void empty() {
        sql("TRUNCATE acme_challenge, acme_authz, acme_certificate, acme_order, acme_nonce_used,"
                + " acme_order_rate, acme_account, spc_token_use, crl_part, crl, arl,"
                + " certificate, ca_key CASCADE");
        sql("INSERT INTO acme_account (id, thumbprint, jwk, status, created_at)"
                + " VALUES ($1, $1, '{}', 'valid', $2)", ACCOUNT,
                at(NOW.minus(DAY.multipliedBy(900))));
        sql("INSERT INTO ca_key (alias, role, certificate) VALUES ('int', 'intermediate',"
                + " '\\x3000')");
    }

    private static RetentionSweeper sweeper(Pool on) {
        return RetentionSweeper.create(vertx, on, RETENTION, SKEW,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static void sql(String statement, Object... params) {
        pool.preparedQuery(statement).execute(Tuple.from(params)).await();
    }

    private static long count(String fromWhere) {
        return pool.query("SELECT count(*) FROM " + fromWhere).execute().await().iterator().next()
                .getLong(0);
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    /** An order expiring at {@code expires} with one authorization and one challenge. */
    private static String order(String status, Instant expires) {
        String order = id();
        String authz = id();
        sql("INSERT INTO acme_order (id, account_id, status, expires_at, identifier_value,"
                + " identifier_der, spc, created_at) VALUES ($1, $2, $3, $4, '1234', '\\x3000',"
                + " '1234', $4)", order, ACCOUNT, status, at(expires));
        sql("INSERT INTO acme_authz (id, order_id, account_id, status, expires_at,"
                + " identifier_value, identifier_der) VALUES ($1, $2, $3, 'valid', $4, '1234',"
                + " '\\x3000')", authz, order, ACCOUNT, at(expires));
        sql("INSERT INTO acme_challenge (id, authz_id, type, token, status)"
                + " VALUES ($1, $2, 'tkauth-01', 'tok', 'valid')", id(), authz);
        return order;
    }

    /** The CA record ({@code certificate}) and, for an order, its copy of one certificate. */
    private static void issued(String serial, String order, Instant created, Instant notAfter,
                               String status) {
        boolean revoked = status.equals("revoked");
        sql("INSERT INTO certificate (serial, issuer_alias, status, account_id, order_id, spc,"
                + " tbs_sha256, der, not_before, not_after, revoked_at, revocation_reason,"
                + " created_at) VALUES ($1, 'int', $2, $3, $4, '1234', '\\x00', '\\x3000', $5,"
                + " $6, $7, $8, $5)", serial, status, ACCOUNT, order, at(created), at(notAfter),
                revoked ? at(created.plus(DAY)) : null, revoked ? (short) 1 : null);
        if (order != null) {
            sql("INSERT INTO acme_certificate (id, order_id, account_id, serial_hex, chain_pem,"
                    + " x5u, created_at) VALUES ($1, $2, $3, $4, 'pem', 'https://cr.test/x', $5)",
                    id(), order, ACCOUNT, serial, at(created.plusSeconds(1)));
        }
    }

    private static void tokenUse(String jti, Instant exp) {
        sql("INSERT INTO spc_token_use (jti, issuer, account_id, first_seen, expires_at)"
                + " VALUES ($1, 'STI-PA', $2, $3, $4)", jti, ACCOUNT, at(exp.minusSeconds(600)),
                at(exp));
    }

    private static void crl(long number, Instant nextUpdate) {
        sql("INSERT INTO crl (number, this_update, next_update, sha256, size, entries)"
                + " VALUES ($1, $2, $3, $4, 1, 0)", BigDecimal.valueOf(number),
                at(nextUpdate.minus(DAY)), at(nextUpdate), "0".repeat(64));
        sql("INSERT INTO crl_part (number, part, data) VALUES ($1, 0, $2)",
                BigDecimal.valueOf(number), Buffer.buffer(new byte[] {1}));
    }

    private static long deleted(Swept swept, String table) {
        return swept.deleted().getOrDefault(table, 0L);
    }

    @Test
    void sweep_rowsPastRetention_deletedInBatchesAndRecordsNeverPurged() {
        for (int i = 0; i < 5; i++) {
            order("invalid", CUTOFF.minus(DAY.multipliedBy(i + 1)));
        }
        String recent = order("invalid", CUTOFF.plus(DAY));
        // an expired issued, a revoked and a never-delivered (reserved) certificate: the CA's
        // records, never purged (ARCHITECTURE.md §5 invariant 1)
        String oldValid = order("valid", NOW.minus(DAY.multipliedBy(800)));
        issued("a1", oldValid, NOW.minus(DAY.multipliedBy(801)), NOW.minus(DAY.multipliedBy(436)),
                "issued");
        issued("a2", null, NOW.minus(DAY.multipliedBy(700)), NOW.minus(DAY.multipliedBy(335)),
                "revoked");
        sql("INSERT INTO certificate (serial, issuer_alias, status, spc, tbs_sha256, not_before,"
                + " not_after, created_at) VALUES ('a3', 'int', 'reserved', '1234', '\\x00', $1,"
                + " $2, $1)", at(NOW.minus(DAY.multipliedBy(600))),
                at(NOW.minus(DAY.multipliedBy(235))));
        sql("INSERT INTO audit_event (id, occurred_at, type, actor, subject, details, prev_hash,"
                + " hash) VALUES ((SELECT coalesce(max(id), 0) + 1 FROM audit_event), $1,"
                + " 'certificate.issued', 'test', 'a1', '{}', $2, $3)",
                at(NOW.minus(DAY.multipliedBy(801))), "0".repeat(64),
                UUID.randomUUID().toString().replace("-", "").repeat(2));
        long audit = count("audit_event");
        sql("INSERT INTO acme_nonce_used (value, expires_at) VALUES ('\\x01', $1), ('\\x02', $2)",
                at(NOW.minus(DAY)), at(NOW.plusSeconds(30)));
        for (long n = 1; n <= 3; n++) {
            crl(n, NOW.minus(DAY.multipliedBy(4000 - n)));
        }
        crl(4, NOW.plus(DAY));

        Swept swept = sweeper(pool).sweep().await();

        assertEquals(6, deleted(swept, "acme_order"), "5 invalid orders and the old valid one");
        assertEquals(6, deleted(swept, "acme_authz"));
        assertEquals(6, deleted(swept, "acme_challenge"));
        assertEquals(1, deleted(swept, "acme_certificate"));
        assertEquals(1, deleted(swept, "acme_nonce_used"));
        assertEquals(3, deleted(swept, "crl"));
        assertEquals(3, deleted(swept, "crl_part"));
        assertEquals(Set.of(), swept.skipped());
        assertEquals(1, count("acme_order"));
        assertEquals(1, count("acme_order WHERE id = '" + recent + "'"));
        assertEquals(1, count("acme_nonce_used"));
        assertEquals(1, count("crl"));
        assertEquals(1, count("crl WHERE number = 4"), "STANDARDS.md §6.4: the served CRL stays");
        assertEquals(3, count("certificate"), "certificates and revocations are never purged");
        assertEquals(1, count("certificate WHERE status = 'revoked'"));
        assertEquals(1, count("acme_account"), "accounts are never purged");
        assertEquals(audit, count("audit_event"), "the audit log is never purged");
    }

    @Test
    void sweep_crlHistoryNotConfigured_keepsEveryCrl() {
        // STANDARDS.md §6.4 item 4: CRL history is kept for audit; by default forever.
        for (long n = 1; n <= 3; n++) {
            crl(n, NOW.minus(DAY.multipliedBy(20_000 - n)));
        }
        Retention keepCrls = new Retention(true, Duration.ofHours(1), 2, Duration.ofDays(90),
                Optional.empty());

        Swept swept = RetentionSweeper.create(vertx, pool, keepCrls, SKEW,
                Clock.fixed(NOW, ZoneOffset.UTC)).sweep().await();

        assertEquals(0, deleted(swept, "crl"));
        assertEquals(3, count("crl"));
        assertEquals(3, count("crl_part"));
    }

    @Test
    void sweep_spcTokenUse_keptUntilExpPlusSkewHasPassed() {
        // RFC 9447 §3.3, STANDARDS.md §3.5.11: a jti is single-use. SpcTokenVerifier accepts a
        // token while exp > now - skew and checks exp before the jti, so a jti may be forgotten
        // only after exp + skew (plus a margin for clocks between instances): never a replay.
        tokenUse("still-accepted", NOW.minus(SKEW).plusSeconds(1));
        tokenUse("just-refused", NOW.minus(SKEW).minusSeconds(1));
        tokenUse("long-expired", NOW.minus(SKEW).minus(RetentionSweeper.CLOCK_MARGIN)
                .minusSeconds(1));
        tokenUse("ancient", NOW.minus(DAY));
        tokenUse("live", NOW.plusSeconds(3600));

        Swept swept = sweeper(pool).sweep().await();

        assertEquals(2, deleted(swept, "spc_token_use"));
        assertEquals(3, count("spc_token_use"));
        assertEquals(0, count("spc_token_use WHERE jti IN ('long-expired', 'ancient')"));
    }

    @Test
    void sweep_validOrderWhileAnEarlierOrderCertificateIsLive_kept() {
        // RFC 8555 §7.4.2, §7.6 and RFC 9773 §5 read the order copy of a certificate; it goes
        // only once every order certificate issued up to it expired past the retention.
        Instant longLivedIssued = NOW.minus(DAY.multipliedBy(700));
        issued("b1", order("valid", longLivedIssued.plus(DAY)), longLivedIssued,
                NOW.plus(DAY.multipliedBy(30)), "issued");
        String later = order("valid", NOW.minus(DAY.multipliedBy(500)));
        issued("b2", later, NOW.minus(DAY.multipliedBy(501)), NOW.minus(DAY.multipliedBy(136)),
                "issued");

        Swept swept = sweeper(pool).sweep().await();

        assertEquals(0, deleted(swept, "acme_order"));
        assertEquals(2, count("acme_certificate"));

        sql("UPDATE certificate SET not_after = $1 WHERE serial = 'b1'", at(CUTOFF.minus(DAY)));
        swept = sweeper(pool).sweep().await();

        assertEquals(2, deleted(swept, "acme_order"));
        assertEquals(2, deleted(swept, "acme_certificate"));
        assertEquals(0, count("acme_order WHERE id = '" + later + "'"));
        assertEquals(2, count("certificate"), "the CA's records stay");
    }

    @Test
    void sweep_lockHeldByAnotherInstance_skipsAndDeletesNothing() {
        for (int i = 0; i < 3; i++) {
            order("invalid", CUTOFF.minus(DAY));
        }
        tokenUse("old", NOW.minus(DAY));
        SqlConnection other = otherInstancePool.getConnection().await();
        Transaction batchOfOther = other.begin().await();
        for (String kind : List.of(RetentionSweeper.ORDERS, RetentionSweeper.NONCES,
                RetentionSweeper.TOKEN_USES, RetentionSweeper.CRLS, RetentionSweeper.ARLS)) {
            other.preparedQuery("SELECT pg_advisory_xact_lock($1, $2)")
                    .execute(Tuple.of(PgRetentionLock.CLASS, PgRetentionLock.keyOf(kind)))
                    .await();
        }

        Swept skipped = sweeper(pool).sweep().await();

        assertEquals(0, skipped.total());
        assertEquals(Set.of("acme orders", "used nonces", "spc token uses", "crl history",
                "arl history"), skipped.skipped());
        assertEquals(3, count("acme_order"));
        assertEquals(1, count("spc_token_use"));

        batchOfOther.rollback().await();
        other.close().await();
        Swept swept = sweeper(pool).sweep().await();

        assertEquals(3, deleted(swept, "acme_order"));
        assertEquals(1, deleted(swept, "spc_token_use"));
    }

    @Test
    void sweep_twoInstancesAtOnce_everyRowDeletedExactlyOnce() {
        for (int i = 0; i < 25; i++) {
            order(i % 2 == 0 ? "invalid" : "pending", CUTOFF.minus(DAY.multipliedBy(i + 1)));
            tokenUse("jti-" + i, NOW.minus(DAY));
        }

        Future<Swept> first = sweeper(pool).sweep();
        Future<Swept> second = sweeper(otherInstancePool).sweep();
        Swept a = first.await();
        Swept b = second.await();

        assertEquals(25, deleted(a, "acme_order") + deleted(b, "acme_order"));
        assertEquals(25, deleted(a, "acme_authz") + deleted(b, "acme_authz"));
        assertEquals(25, deleted(a, "spc_token_use") + deleted(b, "spc_token_use"));
        assertEquals(0, count("acme_order"));
        assertEquals(0, count("spc_token_use"));
        assertEquals(1, count("acme_account"));
    }
}
