package org.stica.tests.pa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Status;
import org.stica.tests.support.Carrier;
import org.stica.tests.support.StiCaHarness;
import org.stica.tests.support.TestStiPa;

/**
 * Fail closed on stale STI-PA trust (ARCHITECTURE.md rule 7; STANDARDS.md §4.2 item 6): with a
 * CRL URL configured but no CRL ever obtained, a valid SPC token is refused with
 * TRUST_SNAPSHOT_STALE, health warns, and an on-demand refresh reports the fetch failure.
 */
class StaleTrustIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static StiCaHarness h;

    @BeforeAll
    static void start() throws Exception {
        h = StiCaHarness.start(Map.of("STICA_PA_CRL_URL", "http://127.0.0.1:9/sti-pa.crl"));
    }

    @AfterAll
    static void stop() throws Exception {
        StiCaHarness.closeChecked(h);
    }

    @Test
    void challenge_crlRequiredButNeverLoaded_isRefusedAsStale() throws Exception {
        Carrier carrier = Carrier.register(h.directoryUrl());
        byte[] der = Carrier.spcDer("1234");
        Order order = carrier.order(Carrier.base64Url(der));
        var challenge = carrier.answer(order, "atc", h.pa.mint(TestStiPa.claims(
                Carrier.base64Padded(der), carrier.spkiFingerprint())));
        assertEquals(Status.INVALID, challenge.getStatus());
        String detail = String.valueOf(challenge.getError().map(e -> e.getDetail().orElse(""))
                .orElse(""));
        assertTrue(detail.contains("stale"), detail);
    }

    @Test
    void health_staleTrust_isAWarning() throws Exception {
        JsonObject health = new JsonObject(admin("GET", "/admin/v1/health").body());
        assertEquals("warning", health.getJsonObject("stiPaTrust").getString("status"),
                health.encode());
    }

    @Test
    void crlRefresh_unreachableUrl_answers502Problem() throws Exception {
        HttpResponse<String> response = admin("POST", "/admin/v1/sti-pa/crl/refresh");
        assertEquals(502, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("")
                .startsWith("application/problem+json"));
    }

    private static HttpResponse<String> admin(String method, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(h.adminUrl() + path))
                .header("Authorization", "Bearer " + h.adminToken())
                .method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
