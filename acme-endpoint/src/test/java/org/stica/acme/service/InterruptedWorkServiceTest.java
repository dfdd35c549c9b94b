package org.stica.acme.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.stica.acme.port.IssuanceOutcome;
import org.stica.acme.port.IssuedCertificate;
import org.stica.acme.store.pg.PgOrderStore;
import org.stica.acme.store.pg.StuckWorkSweeper;
import org.stica.acme.support.AcmeTestServer;
import org.stica.acme.support.Await;
import org.stica.acme.support.RecordedActivity;
import org.stica.acme.support.TestPki;

/**
 * Work left at processing by a crash is settled; work in progress now is left alone. RFC 8555
 * §7.1.6: an invalid challenge makes its authorization invalid, and an invalid authorization its
 * order. Issue 14 invariant 2 (ARCHITECTURE.md §5 item 2): a stuck order takes the state the CA's
 * records give it: valid with its certificate when one was issued, invalid with an honest problem
 * when none was, untouched while its serial is still reserved.
 */
class InterruptedWorkServiceTest {
    private final AcmeTestServer server = new AcmeTestServer();
    private final TestPki pki = new TestPki();

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void sweep_settlesOnlyWorkProcessingLongerThanTheLimit_fromTheCaRecords() {
        sql("INSERT INTO acme_account (id, thumbprint, jwk, status, created_at)"
                + " VALUES ('acct', 'tp', '{}', 'valid', now())");
        // order A: its challenge started 20 minutes ago and never finished (a crash)
        order("order-a", "pending", null);
        authzWithChallenge("authz-a", "order-a", "chall-a", "20 minutes");
        // order B: its challenge started just now (another instance is validating it)
        order("order-b", "pending", null);
        authzWithChallenge("authz-b", "order-b", "chall-b", "1 second");
        // orders C, E, F: finalization started 20 minutes ago; D just now
        order("order-c", "processing", "20 minutes");
        order("order-d", "processing", "1 second");
        order("order-e", "processing", "20 minutes");
        order("order-f", "processing", "20 minutes");
        X509Certificate issued = pki.issue(TestPki.p256().getPublic(), "1234", new byte[] {0});
        String serial = issued.getSerialNumber().toString(16);
        Map<String, IssuanceOutcome> records = Map.of(
                "order-c", IssuanceOutcome.issued(new IssuedCertificate(serial,
                        List.of(issued, pki.caCertificate()),
                        URI.create("https://cr.example.test/" + serial + ".pem"))),
                "order-d", IssuanceOutcome.notIssued("must not be asked"),
                "order-e", IssuanceOutcome.notIssued("serial 0a was abandoned"),
                "order-f", IssuanceOutcome.pending());

        List<String> counted = new ArrayList<>();
        InterruptedWorkService.Swept swept = Await.result(service(records)
                .reportingTo(new RecordedActivity(counted)).sweep());

        // A's challenge and order, C made valid, E made invalid
        assertEquals(new InterruptedWorkService.Swept(1, 1, 2), swept);
        // the outcome counters see what the sweep settled, as they see what requests settle;
        // C's certificate is counted as issued when the sweep records it (its finalize could not)
        assertEquals(List.of("certificateIssued shaken", "challengeFinished INVALID",
                "orderFinished VALID", "orderFinished INVALID", "orderFinished INVALID"), counted);
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
        // C: the CA issued its certificate, so the order is valid and the chain downloadable
        assertEquals("valid", status("acme_order", "order-c"));
        assertNull(value("SELECT error FROM acme_order WHERE id = 'order-c'"));
        assertEquals(serial, value("SELECT serial_hex FROM acme_certificate"
                + " WHERE order_id = 'order-c'"));
        assertTrue(value("SELECT chain_pem FROM acme_certificate WHERE order_id = 'order-c'")
                .startsWith("-----BEGIN CERTIFICATE-----"));
        // E: no certificate exists, and the problem says so
        assertEquals("invalid", status("acme_order", "order-e"));
        assertTrue(new JsonObject(value("SELECT error FROM acme_order WHERE id = 'order-e'"))
                .getString("detail").contains("no certificate was issued"));
        // F: its serial is still reserved: left for a later sweep; D: in progress now
        assertEquals("processing", status("acme_order", "order-f"));
        assertEquals("processing", status("acme_order", "order-d"));
        assertNull(value("SELECT error FROM acme_order WHERE id = 'order-d'"));

        // a second sweep changes nothing more, and counts nothing more
        assertEquals(new InterruptedWorkService.Swept(0, 0, 0),
                Await.result(service(records).reportingTo(new RecordedActivity(counted))
                        .sweep()));
        assertEquals(5, counted.size());
    }

    @Test
    void sweep_orderAnotherInstanceSettledFirst_isNotCountedAgain() {
        sql("INSERT INTO acme_account (id, thumbprint, jwk, status, created_at)"
                + " VALUES ('acct', 'tp', '{}', 'valid', now())");
        order("order-h", "processing", "20 minutes");
        // the other instance's sweep makes the order invalid while this one asks the CA
        Map<String, IssuanceOutcome> records = Map.of("order-h",
                IssuanceOutcome.notIssued("serial 0b was abandoned"));
        List<String> counted = new ArrayList<>();
        InterruptedWorkService racing = new InterruptedWorkService(server.vertx,
                new StuckWorkSweeper(server.pool, Duration.ofMinutes(10)),
                new PgOrderStore(server.pool), orderId -> server.pool
                        .query("UPDATE acme_order SET status = 'invalid' WHERE id = 'order-h'")
                        .execute().map(updated -> records.get(orderId)),
                Clock.systemUTC()).reportingTo(new RecordedActivity(counted));

        assertEquals(new InterruptedWorkService.Swept(0, 0, 0), Await.result(racing.sweep()));
        assertEquals(List.of(), counted);
    }

    @Test
    void sweep_issuedOrderAnotherInstanceMadeValidFirst_isNotCountedAndTheSweepGoesOn() {
        sql("INSERT INTO acme_account (id, thumbprint, jwk, status, created_at)"
                + " VALUES ('acct', 'tp', '{}', 'valid', now())");
        order("order-h", "processing", "30 minutes");
        order("order-i", "processing", "20 minutes");
        X509Certificate issued = pki.issue(TestPki.p256().getPublic(), "1234", new byte[] {0});
        IssuanceOutcome outcome = IssuanceOutcome.issued(new IssuedCertificate(
                issued.getSerialNumber().toString(16), List.of(issued, pki.caCertificate()),
                URI.create("https://cr.example.test/cert.pem")));
        // the other instance's sweep makes order H valid while this one asks the CA
        List<String> counted = new ArrayList<>();
        InterruptedWorkService racing = new InterruptedWorkService(server.vertx,
                new StuckWorkSweeper(server.pool, Duration.ofMinutes(10)),
                new PgOrderStore(server.pool), orderId -> (orderId.equals("order-h")
                        ? server.pool.query("UPDATE acme_order SET status = 'valid'"
                                + " WHERE id = 'order-h'").execute().map(outcome)
                        : Future.succeededFuture(outcome)),
                Clock.systemUTC()).reportingTo(new RecordedActivity(counted));

        // H is the other instance's to count; I, after it, is still settled by this sweep
        assertEquals(new InterruptedWorkService.Swept(0, 1, 0), Await.result(racing.sweep()));
        assertEquals(List.of("certificateIssued shaken", "orderFinished VALID"), counted);
        assertEquals("valid", status("acme_order", "order-i"));
    }

    @Test
    void sweep_orderWhoseCertificateExists_isNeverMadeInvalid() {
        sql("INSERT INTO acme_account (id, thumbprint, jwk, status, created_at)"
                + " VALUES ('acct', 'tp', '{}', 'valid', now())");
        order("order-g", "processing", "20 minutes");
        Map<String, IssuanceOutcome> unreachable = Map.of();  // the CA's records fail to answer

        assertFalse(Await.failure(service(unreachable).sweep()).getMessage().isEmpty());

        assertEquals("processing", status("acme_order", "order-g"));
    }

    private InterruptedWorkService service(Map<String, IssuanceOutcome> records) {
        return new InterruptedWorkService(server.vertx,
                new StuckWorkSweeper(server.pool, Duration.ofMinutes(10)),
                new PgOrderStore(server.pool), orderId -> records.containsKey(orderId)
                ? Future.succeededFuture(records.get(orderId))
                : Future.failedFuture(new IllegalStateException("CA records unavailable")),
                Clock.systemUTC());
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
