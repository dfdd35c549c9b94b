package org.stica.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.server.StiCaServer;
import org.stica.server.TestCa;

/**
 * Admin logins and denials in the audit chain (issue 6): every 401/403 is an
 * {@code admin.denied} record with route, reason, key id (when known) and remote address but no
 * secret; a successful authentication is one {@code admin.login} per key per window on an
 * instance; reads of the configuration and of the audit trail are {@code admin.read} records.
 */
class AdminAuditTrailTest {
    private static final String WRONG_SECRET = "stica_wrong-secret-never-in-the-audit-log";

    private static AdminTestServer admin;
    private static String auditorKey;
    private static String auditorId;

    @BeforeAll
    static void setUp() {
        admin = AdminTestServer.start(TestCa.create());
        JsonObject created = send("POST", "/admin/v1/api-keys", TestCa.ADMIN_TOKEN,
                "{\"name\":\"watcher\",\"role\":\"auditor\"}").bodyAsJsonObject();
        auditorKey = created.getString("secret");
        auditorId = created.getString("id");
    }

    @AfterAll
    static void tearDown() {
        admin.close();
    }

    @Test
    void unknownKey_isDeniedWithRouteReasonAndRemote_butNoSecret() {
        assertEquals(401, send("GET", "/admin/v1/certificates", WRONG_SECRET, null).statusCode());

        JsonObject denied = latest("admin.denied", "/admin/v1/certificates");
        JsonObject details = denied.getJsonObject("details");
        assertEquals(401, details.getInteger("status"));
        assertEquals("GET /admin/v1/certificates", details.getString("route"));
        assertEquals("bearer", details.getString("credential"));
        assertEquals("unknown or revoked API key", details.getString("reason"));
        assertEquals("127.0.0.1", details.getString("remote"));
        assertFalse(all("admin.").encode().contains(WRONG_SECRET));
        assertFalse(all("admin.").encode().contains(TestCa.ADMIN_TOKEN));
    }

    @Test
    void missingKey_isDeniedAsAnonymous() {
        assertEquals(401, send("POST", "/admin/v1/crls/publish", null, null).statusCode());

        JsonObject denied = latest("admin.denied", "/admin/v1/crls/publish");
        assertEquals("anonymous", denied.getString("actor"));
        assertEquals("none", denied.getJsonObject("details").getString("credential"));
        assertEquals("POST /admin/v1/crls/publish",
                denied.getJsonObject("details").getString("route"));
    }

    @Test
    void weakerRole_isDeniedWithTheKeyId() {
        assertEquals(403, send("GET", "/admin/v1/api-keys", auditorKey, null).statusCode());

        JsonObject details = latest("admin.denied", "/admin/v1/api-keys").getJsonObject("details");
        assertEquals(403, details.getInteger("status"));
        assertEquals(auditorId, details.getString("keyId"));
        assertTrue(details.getString("reason").contains("needs admin"), details.encode());
    }

    @Test
    void repeatedRequests_recordOneLoginPerKeyPerWindow() {
        for (int i = 0; i < 5; i++) {
            assertEquals(200, send("GET", "/admin/v1/certificates", auditorKey, null)
                    .statusCode());
        }

        List<JsonObject> logins = all("admin.login").stream().map(JsonObject.class::cast)
                .filter(e -> auditorId.equals(e.getString("subject")))
                .filter(e -> "PT15M".equals(e.getJsonObject("details").getString("window")))
                .toList();
        assertEquals(1, logins.size(), logins.toString());
        assertEquals("auditor", logins.get(0).getJsonObject("details").getString("role"));
        assertEquals("127.0.0.1", logins.get(0).getJsonObject("details").getString("remote"));
    }

    @Test
    void zeroWindow_recordsEveryLogin() {
        StiCaServer chatty = StiCaServer.start(admin.vertx,
                admin.ca.with("STICA_ADMIN_LOGIN_AUDIT_WINDOW_SECONDS", "0").config()).await();
        try {
            String base = "http://127.0.0.1:" + chatty.adminPort();
            long before = loginsOf(auditorId);
            for (int i = 0; i < 3; i++) {
                admin.send(base, "GET", "/admin/v1/health", auditorKey, null);
            }
            assertEquals(before + 3, loginsOf(auditorId));
        } finally {
            chatty.close().await();
            admin.ca.with("STICA_ADMIN_LOGIN_AUDIT_WINDOW_SECONDS", "900");
        }
    }

    @Test
    void selfApproval_underDualControl_isAnAuditedDenial() {
        StiCaServer dual = StiCaServer.start(admin.vertx,
                admin.ca.with("STICA_ADMIN_DUAL_CONTROL", "true").config()).await();
        try {
            String base = "http://127.0.0.1:" + dual.adminPort();
            HttpResponse<Buffer> pending = admin.send(base, "POST",
                    "/admin/v1/ca/intermediates/rollover", TestCa.ADMIN_TOKEN, null);
            assertEquals(202, pending.statusCode(), pending.bodyAsString());
            String id = pending.bodyAsJsonObject().getString("id");

            assertEquals(403, admin.send(base, "POST", "/admin/v1/approvals/" + id + "/approve",
                    TestCa.ADMIN_TOKEN, null).statusCode());

            assertTrue(all("admin.denied").stream().map(JsonObject.class::cast)
                    .anyMatch(e -> id.equals(e.getJsonObject("details").getString("approval"))
                            && e.getJsonObject("details").getInteger("status") == 403
                            && "bootstrap".equals(e.getJsonObject("details")
                            .getString("keyId"))));
        } finally {
            dual.close().await();
            admin.ca.with("STICA_ADMIN_DUAL_CONTROL", "false");
        }
    }

    @Test
    void configurationAndAuditReads_areAudited() {
        send("GET", "/admin/v1/configuration", auditorKey, null);
        send("GET", "/admin/v1/audit-events?type=issuance", auditorKey, null);

        assertEquals("admin-key:" + auditorId,
                latest("admin.read", "/admin/v1/configuration").getString("actor"));
        assertTrue(all("admin.read").stream().map(JsonObject.class::cast)
                .anyMatch(e -> "/admin/v1/audit-events".equals(e.getString("subject"))
                        && "type=issuance".equals(e.getJsonObject("details").getString("query"))
                        && e.getString("actor").endsWith(auditorId)));
    }

    private static long loginsOf(String keyId) {
        return all("admin.login").stream().map(JsonObject.class::cast)
                .filter(e -> keyId.equals(e.getString("subject"))).count();
    }

    private static JsonObject latest(String type, String subject) {
        return all(type).stream().map(JsonObject.class::cast)
                .filter(e -> subject.equals(e.getString("subject"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " for " + subject));
    }

    private static JsonArray all(String type) {
        HttpResponse<Buffer> response = send("GET", "/admin/v1/audit-events?limit=500&type="
                + type, TestCa.ADMIN_TOKEN, null);
        assertEquals(200, response.statusCode(), response.bodyAsString());
        return response.bodyAsJsonObject().getJsonArray("items");
    }

    private static HttpResponse<Buffer> send(String method, String path, String key,
                                             String body) {
        return admin.send(method, path, key, body);
    }
}
