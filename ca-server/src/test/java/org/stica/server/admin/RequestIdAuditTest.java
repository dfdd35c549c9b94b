package org.stica.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.acme.port.IssuanceRequest;
import org.stica.acme.port.IssuedCertificate;
import org.stica.policy.tnauth.TnAuthList;
import org.stica.policy.tnauth.TnAuthListCodec;
import org.stica.server.TestCa;
import org.stica.server.TestSubscribers;

/**
 * Issue 17: the audit events an admin request causes carry the request's id, the one its
 * {@code X-Request-Id} response header returned, both when the handler records the event
 * (API keys) and when the statement that changes the state writes it into the outbox
 * (revocation); an event recorded outside any request has none, and the chain still verifies.
 */
class RequestIdAuditTest {
    private static final String HEADER = "X-Request-Id";

    private static AdminTestServer admin;

    @BeforeAll
    static void setUp() {
        admin = AdminTestServer.start(TestCa.create());
    }

    @AfterAll
    static void tearDown() {
        admin.close();
    }

    @Test
    void apiKeyCreated_withoutClientId_carriesTheIdTheResponseReturned() {
        HttpResponse<Buffer> created = send("POST", "/admin/v1/api-keys", null,
                "{\"name\":\"ops\",\"role\":\"operator\"}");

        assertEquals(201, created.statusCode(), created.bodyAsString());
        String id = created.getHeader(HEADER);
        assertNotNull(id);
        String keyId = created.bodyAsJsonObject().getString("id");
        assertEquals(id, details("admin.api-key.created", keyId).getString("requestId"));
    }

    @Test
    void apiKeyRevoked_withClientId_carriesTheClientsId() {
        String keyId = send("POST", "/admin/v1/api-keys", null,
                "{\"name\":\"temp\",\"role\":\"auditor\"}").bodyAsJsonObject().getString("id");

        HttpResponse<Buffer> revoked = send("DELETE", "/admin/v1/api-keys/" + keyId,
                "ticket-4711", null);

        assertEquals(204, revoked.statusCode(), revoked.bodyAsString());
        assertEquals("ticket-4711", revoked.getHeader(HEADER));
        assertEquals("ticket-4711",
                details("admin.api-key.revoked", keyId).getString("requestId"));
    }

    @Test
    void revocation_outboxEvent_carriesTheRequestsId_issuanceOutsideARequestNone()
            throws Exception {
        IssuedCertificate issued = issueOutsideAnyRequest("RQID");

        HttpResponse<Buffer> revoked = send("POST", "/admin/v1/certificates/"
                + issued.serialHex() + "/revoke", null, "{\"reason\":\"superseded\"}");

        assertEquals(200, revoked.statusCode(), revoked.bodyAsString());
        String id = revoked.getHeader(HEADER);
        assertEquals(id, details("certificate.revoked", issued.serialHex())
                .getString("requestId"));
        JsonObject issuedDetails = details("certificate.issued", issued.serialHex());
        assertEquals("RQID", issuedDetails.getString("spc"));
        assertFalse(issuedDetails.containsKey("requestId"), issuedDetails.encode());
        JsonObject verified = send("GET", "/admin/v1/audit-events/verify", null, null)
                .bodyAsJsonObject();
        assertEquals("intact", verified.getString("status"), verified.encode());
    }

    @Test
    void deniedRequest_carriesItsOwnId() {
        HttpResponse<Buffer> denied = admin.client.getAbs("http://127.0.0.1:"
                        + admin.server.adminPort() + "/admin/v1/certificates")
                .putHeader(HEADER, "no-key-1").send().await();

        assertEquals(401, denied.statusCode());
        assertEquals("no-key-1", denied.getHeader(HEADER));
        JsonObject latest = admin.send("GET", "/admin/v1/audit-events?limit=50"
                        + "&type=admin.denied", TestCa.ADMIN_TOKEN, null).bodyAsJsonObject()
                .getJsonArray("items").stream().map(JsonObject.class::cast)
                .filter(e -> "no-key-1".equals(e.getJsonObject("details")
                        .getString("requestId"))).findFirst().orElseThrow();
        assertEquals("anonymous", latest.getString("actor"));
        assertNotEquals("no-key-1", send("GET", "/admin/v1/audit-events?limit=1", null, null)
                .getHeader(HEADER), "every request has its own id");
    }

    /** The details of the one {@code type} event about {@code subject}. */
    private static JsonObject details(String type, String subject) {
        HttpResponse<Buffer> events = send("GET", "/admin/v1/audit-events?type=" + type
                + "&subject=" + subject, null, null);
        assertEquals(200, events.statusCode(), events.bodyAsString());
        var items = events.bodyAsJsonObject().getJsonArray("items");
        assertEquals(1, items.size(), items.encode());
        return items.getJsonObject(0).getJsonObject("details");
    }

    /** {@code method path} with the bootstrap key, and {@code requestId} when not null. */
    private static HttpResponse<Buffer> send(String method, String path, String requestId,
                                             String body) {
        HttpRequest<Buffer> request = admin.client.requestAbs(HttpMethod.valueOf(method),
                "http://127.0.0.1:" + admin.server.adminPort() + path)
                .bearerTokenAuthentication(TestCa.ADMIN_TOKEN);
        if (requestId != null) {
            request.putHeader(HEADER, requestId);
        }
        return body == null ? request.send().await()
                : request.putHeader("Content-Type", "application/json")
                        .sendBuffer(Buffer.buffer(body)).await();
    }

    /** Issues from the test thread: no HTTP request, so no request id. */
    private static IssuedCertificate issueOutsideAnyRequest(String spc) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return admin.server.certificateAuthority().issue(new IssuanceRequest("acct-rqid",
                "order-" + spc, generator.generateKeyPair().getPublic(),
                TnAuthListCodec.encode(TnAuthList.ofSpc(spc)), spc, false, Optional.empty(),
                Optional.empty(), Instant.now().plusSeconds(3600), TestSubscribers.CARRIER,
                Optional.empty())).await();
    }
}
