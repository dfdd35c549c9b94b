package org.stica.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.stica.acme.support.AcmeTestClient;
import org.stica.acme.support.AcmeTestServer;
import org.stica.acme.support.Await;
import org.stica.acme.support.TestPki;
import org.stica.acme.support.TnAuthLists;

/**
 * How many SQL statements one enrollment sends for orders, authorizations, challenges and
 * certificates (issue 7: every round trip is throughput). Counted by pg_stat_statements in this
 * test's own database, as differences (the shared counters are never reset). Budget per step:
 * newOrder 1 (rate-limit count, order, authz and challenge in one statement), authz 1, challenge
 * 2 (pending → processing with the read; outcome), poll 1, finalize 2 (ready → processing with
 * the read, issue 18; certificate + valid), download 0 (the instance that recorded the
 * certificate remembers it), and no BEGIN/COMMIT around any of them (nor around the nonce and
 * account statements of the same requests). Of the six requests' nonces, five are recorded by
 * those statements (issue 18) and only the download's by a statement of its own. Before issue 7
 * the same steps took 38 statements, 10 of them BEGIN/COMMIT.
 */
class EnrollmentStatementsTest {
    private static final String OWN_TABLES =
            "(acme_order|acme_authz|acme_challenge|acme_certificate)";
    private static final String STATEMENTS = "SELECT query, calls FROM pg_stat_statements"
            + " WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())";

    private final AcmeTestServer server = new AcmeTestServer();

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void enrollment_ordersAuthzsChallengesCertificates_takeSevenStatements() {
        assertTrue(statisticsAvailable(), "pg_stat_statements is not preloaded in this PostgreSQL"
                + " (tests/bin/run-tests.sh adds it to shared_preload_libraries)");
        AcmeTestClient client = new AcmeTestClient(server);
        client.newAccount();
        byte[] der = TnAuthLists.spcs("1234");

        Map<String, Long> before = counts();
        JsonObject order = client.post(server.url("/new-order"), new JsonObject()
                .put("identifiers", new JsonArray().add(new JsonObject()
                        .put("type", "TNAuthList").put("value", TnAuthLists.text(der)))))
                .bodyAsJsonObject();
        String authzUrl = order.getJsonArray("authorizations").getString(0);
        JsonObject authz = client.post(authzUrl, "").bodyAsJsonObject();
        client.post(authz.getJsonArray("challenges").getJsonObject(0).getString("url"),
                new JsonObject().put("atc", "t.o.k"));
        assertEquals("valid", client.post(authzUrl, "").bodyAsJsonObject()
                .getString("status"));
        JsonObject done = client.post(order.getString("finalize"), new JsonObject()
                .put("csr", AcmeTestClient.b64(TestPki.csr(TestPki.p256(), der))))
                .bodyAsJsonObject();
        assertEquals("valid", done.getString("status"));
        client.post(done.getString("certificate"), "");
        Map<String, Long> after = counts();

        Map<String, Long> ours = new TreeMap<>();
        Map<String, Long> noncesAlone = new TreeMap<>();
        long transactions = 0;
        for (var entry : after.entrySet()) {
            long calls = entry.getValue() - before.getOrDefault(entry.getKey(), 0L);
            String query = entry.getKey();
            if (calls > 0 && query.matches("(?s).*\\b" + OWN_TABLES + "\\b.*")
                    && !query.contains("pg_stat_statements")) {
                ours.put(query, calls);
            } else if (calls > 0 && query.contains("acme_nonce_used")) {
                noncesAlone.put(query, calls);
            }
            if (calls > 0 && query.matches("(?is)\\s*(BEGIN|COMMIT).*")) {
                transactions += calls;
            }
        }
        assertEquals(7, ours.values().stream().mapToLong(Long::longValue).sum(),
                ours.toString());
        // issue 18: the nonces of newOrder, both authorization reads, the challenge and
        // finalize are recorded by those requests' statements; only the download's goes alone
        assertEquals(1, noncesAlone.values().stream().mapToLong(Long::longValue).sum(),
                noncesAlone.toString());
        // no store of this enrollment wraps its statements in BEGIN/COMMIT
        assertEquals(0, transactions, "BEGIN/COMMIT statements were sent");
    }

    private boolean statisticsAvailable() {
        try {
            Await.result(server.pool.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
                    .execute());
            counts();
            return true;
        } catch (AssertionError e) {
            return false;
        }
    }

    private Map<String, Long> counts() {
        Map<String, Long> counts = new TreeMap<>();
        for (Row row : Await.result(server.pool.query(STATEMENTS).execute())) {
            counts.merge(row.getString("query"), row.getLong("calls"), Long::sum);
        }
        return counts;
    }
}
