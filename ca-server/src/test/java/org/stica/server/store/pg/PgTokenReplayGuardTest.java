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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;
import org.stica.server.config.StiCaConfig;
import org.stica.server.issuance.OutboxEvent;
import org.stica.server.schema.SchemaMigrator;
import org.stica.testing.TestDatabase;

class PgTokenReplayGuardTest {
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
}
