package org.stica.acme.store.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.stica.acme.support.AcmeTestServer;
import org.stica.acme.support.Await;

/**
 * Work left at processing by a crash is closed; work in progress now is left alone. RFC 8555
 * §7.1.6: an invalid challenge makes its authorization invalid, and an invalid authorization its
 * order; an order whose finalization failed is invalid with the error that explains it (§7.1.3).
 */
class StuckWorkSweeperTest {
    private final AcmeTestServer server = new AcmeTestServer();

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void sweep_closesOnlyWorkProcessingLongerThanTheLimit() {
        sql("INSERT INTO acme_account (id, thumbprint, jwk, status, created_at)"
                + " VALUES ('acct', 'tp', '{}', 'valid', now())");
        // order A: its challenge started 20 minutes ago and never finished (a crash)
        order("order-a", "pending", null);
        authzWithChallenge("authz-a", "order-a", "chall-a", "20 minutes");
        // order B: its challenge started just now (another instance is validating it)
        order("order-b", "pending", null);
        authzWithChallenge("authz-b", "order-b", "chall-b", "1 second");
        // orders C and D: finalization started 20 minutes ago / just now
        order("order-c", "processing", "20 minutes");
        order("order-d", "processing", "1 second");

        StuckWorkSweeper.Swept swept = Await.result(
                new StuckWorkSweeper(server.vertx, server.pool, Duration.ofMinutes(10)).sweep());

        assertEquals(new StuckWorkSweeper.Swept(1, 1), swept);
        assertEquals("invalid", status("acme_challenge", "chall-a"));
        assertEquals("invalid", status("acme_authz", "authz-a"));
        assertEquals("invalid", status("acme_order", "order-a"));
        JsonObject challengeError = new JsonObject(
                value("SELECT error FROM acme_challenge WHERE id = 'chall-a'"));
        assertEquals("urn:ietf:params:acme:error:serverInternal",
                challengeError.getString("type"));
        assertTrue(challengeError.getString("detail").contains("interrupted"));
        assertEquals("processing", status("acme_challenge", "chall-b"));
        assertEquals("pending", status("acme_authz", "authz-b"));
        assertEquals("pending", status("acme_order", "order-b"));
        assertEquals("invalid", status("acme_order", "order-c"));
        assertTrue(new JsonObject(value("SELECT error FROM acme_order WHERE id = 'order-c'"))
                .getString("detail").contains("no certificate was issued"));
        assertEquals("processing", status("acme_order", "order-d"));
        assertNull(value("SELECT error FROM acme_order WHERE id = 'order-d'"));

        // a second sweep finds nothing more
        assertEquals(new StuckWorkSweeper.Swept(0, 0), Await.result(
                new StuckWorkSweeper(server.vertx, server.pool, Duration.ofMinutes(10)).sweep()));
    }

    private void order(String id, String status, String processingFor) {
        sql("INSERT INTO acme_order (id, account_id, status, expires_at, identifier_value,"
                + " identifier_der, spc, created_at, processing_since) VALUES ('" + id
                + "', 'acct', '" + status + "', now() + interval '1 hour', '1234', '\\x00',"
                + " '1234', now(), " + (processingFor == null ? "NULL"
                : "now() - interval '" + processingFor + "'") + ")");
    }

    private void authzWithChallenge(String authz, String order, String challenge,
                                    String processingFor) {
        sql("INSERT INTO acme_authz (id, order_id, account_id, status, expires_at,"
                + " identifier_value, identifier_der) VALUES ('" + authz + "', '" + order
                + "', 'acct', 'pending', now() + interval '1 hour', '1234', '\\x00')");
        sql("INSERT INTO acme_challenge (id, authz_id, type, token, status, processing_since)"
                + " VALUES ('" + challenge + "', '" + authz + "', 'tkauth-01', 'tok',"
                + " 'processing', now() - interval '" + processingFor + "')");
    }

    private String status(String table, String id) {
        return value("SELECT status FROM " + table + " WHERE id = '" + id + "'");
    }

    private String value(String query) {
        Row row = Await.result(server.pool.query(query).execute()).iterator().next();
        return row.getString(0);
    }

    private void sql(String statement) {
        Await.result(server.pool.preparedQuery(statement).execute(Tuple.tuple()));
    }
}
