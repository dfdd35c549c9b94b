package org.stica.server.store.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
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

/**
 * Issue 18: the jti claim runs the challenge outcome it is given in the same statement
 * ({@link ValidChallengeSql}'s part): challenge and authorization valid with the token's exp and ca,
 * the order ready; nothing of it for a jti another account owns, nor for an authorization no
 * longer pending.
 */
class TokenClaimOutcomeTest {
    private static final Instant EXP = Instant.now().plusSeconds(3600)
            .truncatedTo(ChronoUnit.SECONDS);
    private static TestDatabase db;
    private static Vertx vertx;
    private static Pool pool;
    private static PgTokenReplayGuard guard;

    @BeforeAll
    static void setUp() {
        db = TestDatabase.create();
        StiCaConfig config = StiCaConfig.load(Optional.empty(), Map.of("STICA_DB_URL", db.url()));
        SchemaMigrator.migrate(config.database());
        vertx = Vertx.vertx();
        pool = PgPools.create(vertx, config.database());
        guard = new PgTokenReplayGuard(pool);
    }

    @AfterAll
    static void tearDown() {
        pool.close().await();
        vertx.close().await();
        db.close();
    }

    @Test
    void claim_ownJti_recordsChallengeAndAuthzValidAndTheOrderReady() {
        Outcome outcome = processingChallenge("o1", "acct-1");

        assertTrue(claim("jti-o1", "acct-1", outcome).await());

        Row challenge = row("SELECT status, validated_at FROM acme_challenge WHERE id = 'c-o1'");
        assertEquals("valid", challenge.getString("status"));
        assertEquals(outcome.validatedAt(), challenge.getOffsetDateTime("validated_at")
                .toInstant());
        Row authz = row("SELECT status, token_expires_at, token_ca FROM acme_authz"
                + " WHERE id = 'a-o1'");
        assertEquals("valid", authz.getString("status"));
        assertEquals(EXP, authz.getOffsetDateTime("token_expires_at").toInstant());
        assertTrue(authz.getBoolean("token_ca"));
        assertEquals("ready", row("SELECT status FROM acme_order WHERE id = 'o1'")
                .getString("status"));
        assertEquals("spc-token.accepted", row("SELECT type FROM audit_outbox"
                + " WHERE subject = 'jti-o1'").getString("type"));
    }

    @Test
    void claim_jtiOfAnotherAccount_isRefusedAndRecordsNothing() {
        claim("jti-o2", "acct-other", Optional.empty()).await();
        Outcome outcome = processingChallenge("o2", "acct-2");

        PolicyException refused = assertThrows(PolicyException.class,
                () -> claim("jti-o2", "acct-2", outcome).await());

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

        assertFalse(claim("jti-o3", "acct-3", outcome).await());

        assertEquals("processing", row("SELECT status FROM acme_challenge WHERE id = 'c-o3'")
                .getString("status"));
        assertEquals("pending", row("SELECT status FROM acme_order WHERE id = 'o3'")
                .getString("status"));
        assertEquals("acct-3", row("SELECT account_id FROM spc_token_use WHERE jti = 'jti-o3'")
                .getString("account_id"));
    }

    private static io.vertx.core.Future<Boolean> claim(String jti, String account,
                                                        Outcome outcome) {
        return claim(jti, account, Optional.of(ValidChallengeSql.part(outcome.challenge(),
                outcome.authz(), outcome.order(), outcome.validatedAt(), EXP, true)));
    }

    private static io.vertx.core.Future<Boolean> claim(String jti, String account,
                                                        Optional<StatementPart> outcome) {
        return guard.claimAccepted(jti, "STI-PA", account, EXP, new OutboxEvent(Instant.now(),
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
