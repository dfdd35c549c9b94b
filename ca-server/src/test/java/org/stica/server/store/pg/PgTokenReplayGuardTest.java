package org.stica.server.store.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.acme.port.StatementPart;
import org.stica.acme.store.pg.ValidChallengeSql;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;
import org.stica.server.config.StiCaConfig;
import org.stica.server.issuance.OutboxEvent;
import org.stica.server.schema.SchemaMigrator;
import org.stica.testing.TestDatabase;

class PgTokenReplayGuardTest {
    private static final Instant OUTCOME_EXP = Instant.now().plusSeconds(3600)
            .truncatedTo(ChronoUnit.SECONDS);
    private static TestDatabase db;
    private static Vertx vertx;
    private static Pool pool;
    private static Pool otherInstancePool;
    private static PgTokenReplayGuard guard;
    private static PgTokenReplayGuard otherInstance;

    @BeforeAll
    static void setUp() {
        db = TestDatabase.create();
        StiCaConfig config = StiCaConfig.load(Optional.empty(), Map.of("STICA_DB_URL", db.url()));
        SchemaMigrator.migrate(config.database());
        vertx = Vertx.vertx();
        pool = PgPools.create(vertx, config.database());
        guard = new PgTokenReplayGuard(pool);
        otherInstancePool = PgPools.create(vertx, config.database());
        otherInstance = new PgTokenReplayGuard(otherInstancePool);
    }

    @AfterAll
    static void tearDown() {
        pool.close().await();
        otherInstancePool.close().await();
        vertx.close().await();
        db.close();
    }

    @Test
    void claimAccepted_sameAccountTwice_isAllowed() {
        // RFC 9447 §3.3: the same token may be presented again by the same account until exp.
        Instant exp = Instant.now().plusSeconds(3600);
        claim(guard, "jti-same", "STI-PA", "acct-1", exp).await();

        claim(guard, "jti-same", "STI-PA", "acct-1", exp).await();
    }

    @Test
    void claimAccepted_recordsTheAcceptanceWithTheClaim_andNothingForAReplay() {
        Instant exp = Instant.now().plusSeconds(3600);
        OutboxEvent accepted = new OutboxEvent(Instant.now(), "spc-token.accepted", "acct-1",
                "{\"expires\":\"" + exp + "\",\"ca\":false}");
        guard.claimAccepted("jti-audited", "STI-PA", "acct-1", exp, accepted).await();
        guard.claimAccepted("jti-audited", "STI-PA", "acct-1", exp, accepted).await();

        PolicyException e = assertThrows(PolicyException.class, () -> otherInstance
                .claimAccepted("jti-audited", "STI-PA", "acct-2", exp, new OutboxEvent(
                        Instant.now(), "spc-token.accepted", "acct-2", "{}")).await());

        assertEquals(Violation.TOKEN_JTI_REPLAYED, e.violation());
        Row counts = pool.query("SELECT count(*) FILTER (WHERE actor = 'acct-1') AS own,"
                + " count(*) FILTER (WHERE actor = 'acct-2') AS replayed,"
                + " min(details) AS details FROM audit_outbox WHERE subject = 'jti-audited'"
                + " AND type = 'spc-token.accepted'").execute().await().iterator().next();
        assertEquals(2L, counts.getLong("own"), "each accepted presentation is recorded");
        assertEquals(0L, counts.getLong("replayed"), "a refused replay records no acceptance");
        assertEquals(false, new io.vertx.core.json.JsonObject(counts.getString("details"))
                .getBoolean("ca"));
    }

    @Test
    void claimAccepted_otherAccount_isRefusedAsReplay() {
        // RFC 9447 §3.3 / STANDARDS.md §3.5.11: a jti first used by one account is refused for
        // any other account.
        Instant exp = Instant.now().plusSeconds(3600);
        claim(guard, "jti-other", "STI-PA", "acct-1", exp).await();

        PolicyException e = assertThrows(PolicyException.class,
                () -> claim(guard, "jti-other", "STI-PA", "acct-2", exp).await());

        assertEquals(Violation.TOKEN_JTI_REPLAYED, e.violation());
    }

    @Test
    void claimAccepted_concurrentAccounts_exactlyOneWins() {
        Instant exp = Instant.now().plusSeconds(3600);
        var first = claim(guard, "jti-race", "STI-PA", "acct-a", exp);
        var second = claim(guard, "jti-race", "STI-PA", "acct-b", exp);

        Future.join(first, second).otherwiseEmpty().await();

        assertEquals(1, (first.succeeded() ? 1 : 0) + (second.succeeded() ? 1 : 0));
    }

    @Test
    void claimAccepted_manyParallelAttemptsFromTwoInstances_oneAccountOwnsEachJti() {
        // RFC 9447 §3.3 / STANDARDS.md §3.5.11, race-safe across instances sharing the database:
        // for every jti, all attempts of exactly one account succeed and every attempt of the
        // other account is refused as a replay (never another error, never two owners).
        Instant exp = Instant.now().plusSeconds(3600);
        int jtis = 40;
        List<List<Future<Void>>> attempts = new ArrayList<>();
        for (int i = 0; i < jtis; i++) {
            String jti = "jti-parallel-" + i;
            attempts.add(List.of(claim(guard, jti, "STI-PA", "acct-a", exp),
                    claim(otherInstance, jti, "STI-PA", "acct-b", exp),
                    claim(otherInstance, jti, "STI-PA", "acct-a", exp),
                    claim(guard, jti, "STI-PA", "acct-b", exp)));
        }
        Future.join(attempts.stream().flatMap(List::stream).toList()).otherwiseEmpty().await();

        for (int i = 0; i < jtis; i++) {
            List<Future<Void>> round = attempts.get(i);
            String owner = owner("jti-parallel-" + i);
            boolean aOwns = owner.equals("acct-a");
            assertTrue(aOwns || owner.equals("acct-b"), owner);
            for (int k = 0; k < round.size(); k++) {
                boolean byA = k == 0 || k == 2;
                Future<Void> attempt = round.get(k);
                if (byA == aOwns) {
                    assertTrue(attempt.succeeded(), "owner's attempt failed: " + attempt.cause());
                } else {
                    PolicyException refused = assertInstanceOf(PolicyException.class,
                            attempt.cause(), () -> String.valueOf(attempt.cause()));
                    assertEquals(Violation.TOKEN_JTI_REPLAYED, refused.violation());
                }
            }
        }
    }

    @Test
    void claimAccepted_whileAnotherAccountsInsertIsUncommitted_waitsAndIsRefused()
            throws Exception {
        // The claim must wait for a concurrent, not yet committed first use of the jti and then
        // see its owner: a read in the claim's own snapshot would miss the row.
        Instant exp = Instant.now().plusSeconds(3600);
        SqlConnection first = otherInstancePool.getConnection().await();
        try {
            Transaction tx = first.begin().await();
            insertUse(first, "jti-pending-commit", "acct-a", exp);

            Future<Void> second = claim(guard, "jti-pending-commit", "STI-PA", "acct-b", exp);
            Thread.sleep(300);
            assertFalse(second.isComplete(), "the claim did not wait for the first insert");
            tx.commit().await();

            PolicyException refused = assertThrows(PolicyException.class, () -> second.await(
                    10, TimeUnit.SECONDS));
            assertEquals(Violation.TOKEN_JTI_REPLAYED, refused.violation());
        } finally {
            first.close().await();
        }
        assertEquals("acct-a", owner("jti-pending-commit"));
    }

    @Test
    void claimAccepted_whileAnotherAccountsInsertRollsBack_wins() throws Exception {
        Instant exp = Instant.now().plusSeconds(3600);
        SqlConnection first = otherInstancePool.getConnection().await();
        try {
            Transaction tx = first.begin().await();
            insertUse(first, "jti-pending-rollback", "acct-a", exp);

            Future<Void> second = claim(guard, "jti-pending-rollback", "STI-PA", "acct-b", exp);
            Thread.sleep(300);
            assertFalse(second.isComplete(), "the claim did not wait for the first insert");
            tx.rollback().await();

            second.await(10, TimeUnit.SECONDS);
        } finally {
            first.close().await();
        }
        assertEquals("acct-b", owner("jti-pending-rollback"));
    }

    @Test
    void claimAccepted_again_keepsTheFirstUseRecord() {
        // Presenting the token again changes nothing: the owner, first_seen and expiry stay.
        Instant exp = Instant.now().plusSeconds(3600);
        claim(guard, "jti-again", "STI-PA", "acct-1", exp).await();
        var before = pool.preparedQuery("SELECT issuer, first_seen, expires_at FROM spc_token_use"
                + " WHERE jti = $1").execute(Tuple.of("jti-again")).await().iterator().next();

        claim(guard, "jti-again", "STI-PA-OTHER", "acct-1", exp.plusSeconds(60)).await();

        var after = pool.preparedQuery("SELECT issuer, first_seen, expires_at FROM spc_token_use"
                + " WHERE jti = $1").execute(Tuple.of("jti-again")).await().iterator().next();
        assertEquals(before.getString("issuer"), after.getString("issuer"));
        assertEquals(before.getOffsetDateTime("first_seen"), after.getOffsetDateTime("first_seen"));
        assertEquals(before.getOffsetDateTime("expires_at"), after.getOffsetDateTime("expires_at"));
        assertEquals("acct-1", owner("jti-again"));
    }

    /** A claim with an acceptance event of {@code account}, as the token validation makes. */
    private static Future<Void> claim(PgTokenReplayGuard by, String jti, String issuer,
                                      String account, Instant exp) {
        return by.claimAccepted(jti, issuer, account, exp, new OutboxEvent(Instant.now(),
                "spc-token.accepted", account, "{}"));
    }

    private static void insertUse(SqlConnection connection, String jti, String account,
                                  Instant exp) {
        connection.preparedQuery("INSERT INTO spc_token_use (jti, issuer, account_id, expires_at)"
                + " VALUES ($1, 'STI-PA', $2, $3)").execute(Tuple.of(jti, account,
                PgTimes.toDb(exp))).await();
    }

    private static String owner(String jti) {
        return pool.preparedQuery("SELECT account_id FROM spc_token_use WHERE jti = $1")
                .execute(Tuple.of(jti)).await().iterator().next().getString("account_id");
    }

    // Issue 18: the claim runs the challenge outcome it is given in the same statement
    // (ValidChallengeSql's part): challenge and authorization valid with the token's exp and ca,
    // the order ready; nothing of it for a jti another account owns, nor for an authorization
    // no longer pending.

    @Test
    void claim_ownJti_recordsChallengeAndAuthzValidAndTheOrderReady() {
        Outcome outcome = processingChallenge("o1", "acct-1");

        assertTrue(claimRecording("jti-o1", "acct-1", outcome).await());

        Row challenge = row("SELECT status, validated_at FROM acme_challenge WHERE id = 'c-o1'");
        assertEquals("valid", challenge.getString("status"));
        assertEquals(outcome.validatedAt(), challenge.getOffsetDateTime("validated_at")
                .toInstant());
        Row authz = row("SELECT status, token_expires_at, token_ca FROM acme_authz"
                + " WHERE id = 'a-o1'");
        assertEquals("valid", authz.getString("status"));
        assertEquals(OUTCOME_EXP, authz.getOffsetDateTime("token_expires_at").toInstant());
        assertTrue(authz.getBoolean("token_ca"));
        assertEquals("ready", row("SELECT status FROM acme_order WHERE id = 'o1'")
                .getString("status"));
        assertEquals("spc-token.accepted", row("SELECT type FROM audit_outbox"
                + " WHERE subject = 'jti-o1'").getString("type"));
    }

    @Test
    void claim_jtiOfAnotherAccount_isRefusedAndRecordsNothing() {
        claimRecording("jti-o2", "acct-other", Optional.empty()).await();
        Outcome outcome = processingChallenge("o2", "acct-2");

        PolicyException refused = assertThrows(PolicyException.class,
                () -> claimRecording("jti-o2", "acct-2", outcome).await());

        assertEquals(Violation.TOKEN_JTI_REPLAYED, refused.violation());
        assertEquals("processing", row("SELECT status FROM acme_challenge WHERE id = 'c-o2'")
                .getString("status"));
        assertEquals("pending", row("SELECT status FROM acme_authz WHERE id = 'a-o2'")
                .getString("status"));
        assertEquals("pending", row("SELECT status FROM acme_order WHERE id = 'o2'")
                .getString("status"));
    }

    @Test
    void claim_authzNoLongerPending_claimsTheJtiAndMovesNothing() {
        Outcome outcome = processingChallenge("o3", "acct-3");
        pool.query("UPDATE acme_authz SET status = 'deactivated' WHERE id = 'a-o3'").execute()
                .await();

        assertFalse(claimRecording("jti-o3", "acct-3", outcome).await());

        assertEquals("processing", row("SELECT status FROM acme_challenge WHERE id = 'c-o3'")
                .getString("status"));
        assertEquals("pending", row("SELECT status FROM acme_order WHERE id = 'o3'")
                .getString("status"));
        assertEquals("acct-3", row("SELECT account_id FROM spc_token_use WHERE jti = 'jti-o3'")
                .getString("account_id"));
    }

    private static Future<Boolean> claimRecording(String jti, String account,
                                                  Outcome outcome) {
        return claimRecording(jti, account, Optional.of(ValidChallengeSql.part(outcome.challenge(),
                outcome.authz(), outcome.order(), outcome.validatedAt(), OUTCOME_EXP, true)));
    }

    private static Future<Boolean> claimRecording(String jti, String account,
                                                  Optional<StatementPart> outcome) {
        return guard.claimAccepted(jti, "STI-PA", account, OUTCOME_EXP, new OutboxEvent(Instant.now(),
                "spc-token.accepted", account, "{}"), outcome);
    }

    /** The records one challenge's outcome moves, and when it was validated. */
    private record Outcome(String challenge, String authz, String order, Instant validatedAt) {
    }

    /** An account's pending order and authorization, and its challenge claimed (processing). */
    private static Outcome processingChallenge(String order, String account) {
        pool.preparedQuery("INSERT INTO acme_account (id, thumbprint, jwk, status, created_at)"
                + " VALUES ($1, $1, '{}', 'valid', now())").execute(Tuple.of(account)).await();
        pool.preparedQuery("INSERT INTO acme_order (id, account_id, status, expires_at,"
                + " identifier_value, identifier_der, spc, created_at) VALUES ($1, $2,"
                + " 'pending', now() + interval '1 hour', 'x', '\\x00', 'x', now())")
                .execute(Tuple.of(order, account)).await();
        pool.preparedQuery("INSERT INTO acme_authz (id, order_id, account_id, status, expires_at,"
                + " identifier_value, identifier_der) VALUES ($1, $2, $3, 'pending',"
                + " now() + interval '1 hour', 'x', '\\x00')")
                .execute(Tuple.of("a-" + order, order, account)).await();
        pool.preparedQuery("INSERT INTO acme_challenge (id, authz_id, type, token, status,"
                + " processing_since) VALUES ($1, $2, 'tkauth-01', 't', 'processing', now())")
                .execute(Tuple.of("c-" + order, "a-" + order)).await();
        return new Outcome("c-" + order, "a-" + order, order,
                Instant.now().truncatedTo(ChronoUnit.MICROS));
    }

    private static Row row(String query) {
        return pool.query(query).execute().await().iterator().next();
    }
}
