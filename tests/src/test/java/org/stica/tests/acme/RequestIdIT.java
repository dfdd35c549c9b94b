package org.stica.tests.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.tests.support.Carrier;
import org.stica.tests.support.StiCaHarness;
import org.stica.tests.support.TestStiPa;

/**
 * Issue 17 request ids against the real server: every answer of the public port (the CRL served
 * straight from memory, the ACME directory) and of the admin port carries {@code X-Request-Id},
 * the client's when well formed; an ACME issuance and an admin action record in their audit
 * events the very id their response returned, and the chain still verifies.
 */
class RequestIdIT {
    private static final String HEADER = "X-Request-Id";
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
    void publicPort_directDownloadAndRoutedRequest_answerWithTheId() throws Exception {
        String crl = h.server().publicUrl() + "/crl/shaken.crl";

        HttpResponse<String> fresh = get(crl, null);
        HttpResponse<String> kept = get(h.directoryUrl(), "carrier-trace-1");
        HttpResponse<String> replaced = get(crl, "two words");

        assertEquals(200, fresh.statusCode());
        assertTrue(header(fresh).matches("[A-Za-z0-9_-]{22}"), header(fresh));
        assertEquals("carrier-trace-1", header(kept));
        assertNotEquals("two words", header(replaced));
        assertTrue(header(replaced).matches("[A-Za-z0-9_-]{22}"), header(replaced));
    }

    @Test
    void acmeIssuance_auditEventCarriesTheFinalizeResponsesId() throws Exception {
        Jose4jAcmeClient client = new Jose4jAcmeClient(h.directoryUrl());
        client.newAccount();

        client.enroll(h.pa, Carrier.spcDer("4321"), TestStiPa.ecKey());

        String finalizeId = client.finalizeRequestId();
        assertNotNull(finalizeId, "finalize answered without " + HEADER);
        // the issuance's event is durable in the outbox at once and chained within ~100 ms
        // (README "Performance"): polled, not read once
        Optional<JsonObject> found = Optional.empty();
        for (int i = 0; i < 100 && found.isEmpty(); i++) {
            found = auditEvents("certificate.issued").stream().map(JsonObject.class::cast)
                    .filter(e -> "4321".equals(e.getJsonObject("details").getString("spc")))
                    .findFirst();
            if (found.isEmpty()) {
                Thread.sleep(50);
            }
        }
        JsonObject issued = found.orElseThrow();
        assertEquals(finalizeId, issued.getJsonObject("details").getString("requestId"),
                issued.encode());
        assertIntact();
    }

    @Test
    void adminAction_auditEventCarriesTheClientsId() throws Exception {
        HttpResponse<String> created = HTTP.send(admin("/admin/v1/api-keys", "change-42")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"rqid\",\"role\":\"auditor\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(201, created.statusCode(), created.body());
        assertEquals("change-42", header(created));
        String keyId = new JsonObject(created.body()).getString("id");
        JsonObject event = auditEvents("admin.api-key.created").stream()
                .map(JsonObject.class::cast).filter(e -> keyId.equals(e.getString("subject")))
                .findFirst().orElseThrow();
        assertEquals("change-42", event.getJsonObject("details").getString("requestId"));
        assertIntact();
    }

    private static io.vertx.core.json.JsonArray auditEvents(String type) throws Exception {
        HttpResponse<String> events = HTTP.send(admin("/admin/v1/audit-events?limit=500&type="
                + type, null).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, events.statusCode(), events.body());
        return new JsonObject(events.body()).getJsonArray("items");
    }

    private static void assertIntact() throws Exception {
        HttpResponse<String> verified = HTTP.send(admin("/admin/v1/audit-events/verify", null)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("intact", new JsonObject(verified.body()).getString("status"),
                verified.body());
    }

    private static HttpRequest.Builder admin(String path, String requestId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(h.adminUrl() + path))
                .header("Authorization", "Bearer " + h.adminToken());
        return requestId == null ? request : request.header(HEADER, requestId);
    }

    private static HttpResponse<String> get(String url, String requestId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (requestId != null) {
            request.header(HEADER, requestId);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String header(HttpResponse<String> response) {
        return response.headers().firstValue(HEADER).orElse("(none)");
    }
}
