package org.stica.acme.store.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.stica.acme.support.AcmeTestServer;
import org.stica.acme.support.Await;

/**
 * Every statement of an enrollment reads the ACME tables by key, even as planned on a fresh,
 * almost empty database. A connection prepares each statement once and keeps its generic plan
 * (with autovacuum off nothing re-plans it): a sequential scan chosen while the tables were small
 * would stay, and its cost grow with every order ever made.
 */
class HotStatementPlansTest {
    @RegisterExtension
    static final AcmeTestServer server = new AcmeTestServer();
    private static StoreFixtures db;

    @BeforeAll
    static void start() {
        db = new StoreFixtures(server.pool);
    }

    @Test
    void enrollmentStatements_plannedOnSmallTables_noSequentialScan() {
        Map<String, String> statements = Map.ofEntries(
                Map.entry("nonce redemption", PgNonceStore.MARK_USED),
                // the used-nonce key is (expires_at, value): the purges walk it (db/acme V11)
                Map.entry("nonce redemption with purge", PgNonceStore.PURGE_AND_MARK_USED),
                Map.entry("used nonce retention", PgAcmeRetention.NONCES),
                Map.entry("order creation", PgOrderStore.CREATE),
                Map.entry("order with authzs", PgOrderStore.WITH_AUTHZS),
                Map.entry("order with authzs, nonce", PgOrderStore.WITH_AUTHZS_FOLDING_NONCE),
                Map.entry("finalize claim", PgOrderStore.CLAIM_FOR_FINALIZE),
                Map.entry("finalize refused", PgOrderStore.BACK_TO_READY),
                Map.entry("order issued", PgOrderStore.RECORD_ISSUED),
                // as the CA's certificate record and the jti claim carry them, after their CTEs
                Map.entry("order issued with the certificate", "WITH issued AS (SELECT 1), "
                        + IssuedOrderSql.CTES + " SELECT " + IssuedOrderSql.RECORDED),
                Map.entry("challenge valid with the jti claim", "WITH accepted AS (SELECT 1), "
                        + ValidChallengeSql.CTES + " SELECT " + ValidChallengeSql.RECORDED),
                Map.entry("authz with challenges", PgAuthzStore.WITH_CHALLENGES),
                Map.entry("authz with challenges, nonce",
                        PgAuthzStore.WITH_CHALLENGES_FOLDING_NONCE),
                Map.entry("authz deactivation", PgAuthzStore.DEACTIVATE),
                Map.entry("challenge", PgChallengeStore.FOR_RESPONSE),
                Map.entry("challenge processing", PgChallengeStore.START_PROCESSING),
                Map.entry("challenge claim", PgChallengeStore.CLAIM),
                Map.entry("challenge valid", PgChallengeStore.RECORD_VALID),
                Map.entry("challenge invalid", PgChallengeStore.RECORD_INVALID),
                Map.entry("certificate download", PgCertificateStore.BY_ID));
        statements.forEach((name, sql) ->
                assertEquals(Set.of(), db.sequentialScans(sql), name + ": " + sql));
    }

    /**
     * The used-nonce purges delete a range of the key's expiry. Without column statistics
     * (autovacuum off, or not run yet) PostgreSQL takes a one-sided range for a third of the
     * table: the per-second purge read every used nonce (seen at 8 flows on machine H, 35,000
     * rows a second and growing with the run). A two-sided range is taken as narrow, so the key
     * is used; with statistics the estimate comes from them either way.
     */
    @Test
    void noncePurges_onAFullTableWithoutStatistics_useTheKey() {
        Await.result(server.pool.query("ALTER TABLE acme_nonce_used"
                + " SET (autovacuum_enabled = false)").execute());
        Await.result(server.pool.query("INSERT INTO acme_nonce_used (value, expires_at)"
                + " SELECT decode(md5(g::text), 'hex'), now() + g * interval '1 second'"
                + " FROM generate_series(1, 50000) g").execute());

        assertEquals(Set.of(), db.sequentialScans(PgNonceStore.PURGE_AND_MARK_USED));
        assertEquals(Set.of(), db.sequentialScans(PgAcmeRetention.NONCES));
    }
}
