package org.stica.tests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Status;
import org.stica.server.ca.CrlPaths;
import org.stica.server.demo.TkAuthChallenge;
import org.stica.server.demo.TnAuthCsr;
import org.stica.server.store.pg.PgPools;
import org.stica.tests.support.Carrier;
import org.stica.tests.support.PrometheusText;
import org.stica.tests.support.StiCaHarness;
import org.stica.tests.support.TestStiPa;

/**
 * {@code GET /metrics} on the admin port (issue 17), scraped before and after one acme4j
 * enrollment and one refused SPC token: each domain counter moved by exactly one, HTTP
 * requests are labelled by route template (no identifier in any label), and after a revocation
 * the CRL gauges match {@code GET /admin/v1/crls}.
 */
class MetricsIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static StiCaHarness h;

    @BeforeAll
    static void start() throws Exception {
        h = StiCaHarness.start();
    }

    @AfterAll
    static void stop() throws Exception {
        StiCaHarness.closeChecked(h);
    }

    @Test
    void scrape_enrollmentAndRefusedToken_eachCounterMovesByExactlyOne() throws Exception {
        PrometheusText before = scrape();

        Carrier carrier = Carrier.register(h.directoryUrl());
        byte[] der = Carrier.spcDer("4321");
        Order order = carrier.order(Carrier.base64Url(der));
        TkAuthChallenge valid = carrier.answer(order, "atc", h.pa.mint(TestStiPa.claims(
                Carrier.base64Url(der), carrier.spkiFingerprint())));
        assertEquals(Status.VALID, valid.getStatus(), () -> "challenge: " + valid.getError());
        order.waitUntilReady(Duration.ofSeconds(15));
        order.execute(TnAuthCsr.build(TestStiPa.ecKey(), der));
        assertEquals(Status.VALID, order.waitForCompletion(Duration.ofSeconds(30)));
        X509Certificate leaf = order.getCertificate().getCertificate();

        Carrier refused = Carrier.register(h.directoryUrl());
        byte[] other = Carrier.spcDer("4444");
        Order refusedOrder = refused.order(Carrier.base64Url(other));
        // RFC 9448 §6 step 7: an expired token is refused with reason TOKEN_EXPIRED
        TkAuthChallenge invalid = refused.answer(refusedOrder, "atc", h.pa.mint(TestStiPa
                .claims(Carrier.base64Url(other), refused.spkiFingerprint())
                .withExpires(Instant.now().minus(Duration.ofHours(1)))));
        assertEquals(Status.INVALID, invalid.getStatus());

        // the downloads verifiers make, answered from memory without the router, still name
        // their route: the certificate repository (x5u) twice, the CRL once
        String x5u = h.server().publicUrl() + "/cr/" + leaf.getSerialNumber().toString(16)
                + ".pem";
        assertEquals(200, get(x5u).statusCode());
        assertEquals(200, get(x5u).statusCode());
        assertEquals(200, get(h.server().publicUrl() + CrlPaths.CRL).statusCode());

        PrometheusText after = scrape();
        assertMoved(1, before, after, "stica_certificates_issued_total", "profile", "shaken");
        assertMoved(1, before, after, "stica_spc_token_refusals_total", "reason",
                "TOKEN_EXPIRED");
        assertEquals(1, after.sum("stica_spc_token_refusals_total", labels -> true)
                - before.sum("stica_spc_token_refusals_total", labels -> true), "one refusal");
        assertMoved(2, before, after, "stica_acme_new_orders_total", "profile", "shaken");
        assertMoved(1, before, after, "stica_acme_order_outcomes_total", "status", "valid");
        assertMoved(1, before, after, "stica_acme_order_outcomes_total", "status", "invalid");
        assertMoved(1, before, after, "stica_acme_challenge_outcomes_total", "status", "valid");
        assertMoved(1, before, after, "stica_acme_challenge_outcomes_total", "status", "invalid");
        assertMoved(0, before, after, "stica_acme_rate_limited_total", "limit", "newOrder");

        // HTTP requests by route template, method and status: the two newOrders, no raw ids
        assertEquals(2, after.sum("vertx_http_server_requests_total", MetricsIT::newOrder201)
                - before.sum("vertx_http_server_requests_total", MetricsIT::newOrder201));
        assertEquals(2, routed(after, "/cr/:file") - routed(before, "/cr/:file"));
        assertEquals(1, routed(after, CrlPaths.CRL) - routed(before, CrlPaths.CRL));
        assertFalse(after.all("vertx_http_server_response_time_seconds_bucket").stream()
                .filter(s -> newOrder201(s.labels())).toList().isEmpty(), "latency histogram");
        List<String> ids = List.of(id(order.getLocation()), id(valid.getLocation()),
                id(refusedOrder.getLocation()), id(carrier.account.getLocation()),
                leaf.getSerialNumber().toString(16));
        after.all("vertx_http_server_requests_total").forEach(sample -> ids.forEach(id ->
                assertFalse(sample.labels().getOrDefault("route", "").contains(id),
                        sample.toString())));

        assertTrue(after.sum("stica_hsm_sign_seconds_count", "outcome", "ok")
                > before.sum("stica_hsm_sign_seconds_count", "outcome", "ok"), "HSM signed");
        assertTrue(after.sum("stica_audit_append_seconds_count", "source", "direct")
                > before.sum("stica_audit_append_seconds_count", "source", "direct"),
                "audit appends timed");
        assertFalse(after.all("vertx_pool_in_use").stream().filter(s -> "stica-db".equals(
                s.labels().get("pool_name"))).toList().isEmpty(), "database pool in use");
        assertFalse(after.all("vertx_pool_queue_pending").stream().filter(s -> "stica-db"
                .equals(s.labels().get("pool_name"))).toList().isEmpty(), "database waiting");
        // each SQL client (both pools, both LISTEN connections) has its own series
        for (String client : List.of(PgPools.MAIN, PgPools.ASYNC_COMMIT,
                PgPools.ACCOUNT_LISTENER, PgPools.HOLDER_LISTENER)) {
            assertFalse(after.all("vertx_sql_processing_time_seconds_count").stream()
                    .filter(s -> client.equals(s.labels().get("client_namespace"))).toList()
                    .isEmpty(), "SQL client " + client);
        }
        assertTrue(after.sum("vertx_sql_processing_time_seconds_count", "client_namespace",
                PgPools.MAIN) > before.sum("vertx_sql_processing_time_seconds_count",
                "client_namespace", PgPools.MAIN), "statements on the main pool");
        assertTrue(after.sum("stica_event_loop_delay_seconds_count", labels -> true) > 0);
        assertFalse(after.all("jvm_memory_used_bytes").isEmpty(), "JVM meters");
    }

    @Test
    void scrape_afterRevocation_crlGaugesMatchTheAdminApi() throws Exception {
        Carrier carrier = Carrier.register(h.directoryUrl());
        byte[] der = Carrier.spcDer("5555");
        Order order = carrier.order(Carrier.base64Url(der));
        carrier.answer(order, "atc", h.pa.mint(TestStiPa.claims(Carrier.base64Url(der),
                carrier.spkiFingerprint())));
        order.waitUntilReady(Duration.ofSeconds(15));
        order.execute(TnAuthCsr.build(TestStiPa.ecKey(), der));
        assertEquals(Status.VALID, order.waitForCompletion(Duration.ofSeconds(30)));
        String serial = order.getCertificate().getCertificate().getSerialNumber().toString(16);
        HttpResponse<String> revoked = admin("/admin/v1/certificates/" + serial + "/revoke",
                HttpRequest.newBuilder().header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"reason\":\"keyCompromise\"}")));
        assertEquals(200, revoked.statusCode(), revoked.body());

        JsonObject crl = crlStatus();
        for (int i = 0; i < 75 && crl.getLong("entries") < 1; i++) {
            Thread.sleep(200);
            crl = crlStatus();
        }
        assertTrue(crl.getLong("entries") >= 1, crl.encode());
        PrometheusText scraped = scrape();
        Instant thisUpdate = Instant.parse(crl.getString("thisUpdate"));
        Instant nextUpdate = Instant.parse(crl.getString("nextUpdate"));

        assertEquals(Double.parseDouble(crl.getString("number")),
                scraped.value("stica_crl_number", Map.of()));
        assertEquals((double) crl.getLong("entries"), scraped.value("stica_crl_entries", Map.of()));
        assertEquals(nextUpdate.toEpochMilli() / 1000.0,
                scraped.value("stica_crl_next_update_timestamp_seconds", Map.of()), 0.001);
        assertEquals(thisUpdate.toEpochMilli() / 1000.0,
                scraped.value("stica_crl_this_update_timestamp_seconds", Map.of()), 0.001);
        double age = Duration.between(thisUpdate, Instant.now()).toMillis() / 1000.0;
        assertEquals(age, scraped.value("stica_crl_age_seconds", Map.of()), 5.0);
        assertTrue(scraped.value("stica_crl_last_publication_timestamp_seconds", Map.of())
                >= thisUpdate.getEpochSecond() - 1, "this instance published it");
        assertTrue(scraped.value("stica_crl_build_seconds_count", Map.of()) >= 2,
                "the first CRL and the one after the revocation");
    }

    private static double routed(PrometheusText scraped, String route) {
        return scraped.sum("vertx_http_server_requests_total", labels -> route.equals(
                labels.get("route")) && "GET".equals(labels.get("method"))
                && "200".equals(labels.get("code")));
    }

    private static boolean newOrder201(Map<String, String> labels) {
        return labels.getOrDefault("route", "").endsWith("/new-order")
                && "POST".equals(labels.get("method")) && "201".equals(labels.get("code"));
    }

    private static void assertMoved(double by, PrometheusText before, PrometheusText after,
                                    String name, String label, String value) {
        assertEquals(by, after.sum(name, label, value) - before.sum(name, label, value),
                name + "{" + label + "=" + value + "}");
    }

    private static String id(java.net.URL location) {
        String path = location.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static PrometheusText scrape() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(
                h.adminUrl() + "/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString());
        // the admin port is on loopback and no metrics token is set: open (README "Metrics")
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow()
                .startsWith("text/plain; version=0.0.4"));
        return PrometheusText.parse(response.body());
    }

    private static HttpResponse<byte[]> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** {@code request} to the admin port with the admin token. */
    private static HttpResponse<String> admin(String path, HttpRequest.Builder request)
            throws Exception {
        return HTTP.send(request.uri(URI.create(h.adminUrl() + path))
                .header("Authorization", "Bearer " + h.adminToken()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject crlStatus() throws Exception {
        return new JsonObject(admin("/admin/v1/crls", HttpRequest.newBuilder()).body());
    }
}
