package org.stica.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.stica.server.StiCaServer;
import org.stica.server.TestCa;

/**
 * The admin API on a real server (PostgreSQL, SoftHSM): every route of the {@link AdminRouteTable}
 * answers 401 without a key, 403 with a weaker role and is let through with its role (issue 6);
 * bad bodies get RFC 9457 problem documents and change nothing; API keys are created, used and
 * revoked; denials reach the audit log.
 */
class AdminApiTest {
    private static TestCa ca;
    private static Vertx vertx;
    private static StiCaServer server;
    private static WebClient client;
    private static Map<AdminRole, String> keys;

    @BeforeAll
    static void setUp() {
        ca = TestCa.create();
        StiCaServer.initCa(ca.config());
        vertx = Vertx.vertx();
        server = StiCaServer.start(vertx, ca.config()).await();
        client = WebClient.create(vertx);
        keys = Map.of(AdminRole.ADMIN, TestCa.ADMIN_TOKEN,
                AdminRole.OPERATOR, createKey("ops", "operator"),
                AdminRole.AUDITOR, createKey("audit", "auditor"));
    }

    @AfterAll
    static void tearDown() {
        client.close();
        server.close().await();
        vertx.close().await();
        ca.close();
    }

    static Stream<Arguments> routes() {
        return AdminRouteTable.ROUTES.stream().map(r -> Arguments.of(r.method(), r.path(),
                r.role()));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("routes")
    void route_withoutKey_is401Problem(HttpMethod method, String path, AdminRole role) {
        // Issue 6: every endpoint is denied without a valid key (401).
        HttpResponse<Buffer> response = send(method, concrete(path), null, null);

        assertProblem(response, 401);
        assertEquals("Bearer", response.getHeader("WWW-Authenticate"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("routes")
    void route_unknownKey_is401Problem(HttpMethod method, String path, AdminRole role) {
        assertProblem(send(method, concrete(path), "stica_not-a-key", null), 401);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("routes")
    void route_weakerRole_is403Problem(HttpMethod method, String path, AdminRole role) {
        // Issue 6: every endpoint is denied without the role (403).
        for (AdminRole weaker : AdminRole.values()) {
            if (!weaker.includes(role)) {
                assertProblem(send(method, concrete(path), keys.get(weaker), null), 403);
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("routes")
    void route_requiredRole_isLetThrough(HttpMethod method, String path, AdminRole role) {
        HttpResponse<Buffer> response = send(method, concrete(path), keys.get(role), null);

        assertNotEquals(401, response.statusCode(), response.bodyAsString());
        assertNotEquals(403, response.statusCode(), response.bodyAsString());
        assertNotEquals(500, response.statusCode(), response.bodyAsString());
    }

    @Test
    void readRoutes_auditorKey_succeed() {
        for (String path : List.of("/health", "/configuration", "/audit-events",
                "/audit-events/verify", "/certificates", "/ca/keys", "/x5u-allow-list",
                "/openapi.json")) {
            HttpResponse<Buffer> response = send(HttpMethod.GET, "/admin/v1" + path,
                    keys.get(AdminRole.AUDITOR), null);
            assertTrue(response.statusCode() == 200 || path.equals("/health"),
                    path + ": " + response.bodyAsString());
            assertTrue(response.getHeader("Content-Type").startsWith("application/json"));
        }
    }

    @Test
    void console_withoutKey_isServedWithAStrictContentSecurityPolicy() {
        HttpResponse<Buffer> page = send(HttpMethod.GET, "/admin/console/", null, null);

        assertEquals(200, page.statusCode());
        assertTrue(page.bodyAsString().contains("STI-CA console"));
        assertTrue(page.getHeader("Content-Security-Policy").contains("script-src 'self'"));
        assertEquals(200, send(HttpMethod.GET, "/admin/console/console.js", null, null)
                .statusCode());
        assertProblem(send(HttpMethod.GET, "/admin/console/../v1/api-keys", null, null), 401);
        assertTrue(send(HttpMethod.GET, "/admin/console", null, null).bodyAsString()
                .contains("STI-CA console"), "redirected to /admin/console/");
    }

    @Test
    void createApiKey_badBodies_areProblemsAndCreateNothing() {
        // Issue 6: bad bodies get problem documents and change nothing.
        int before = listKeys().size();
        for (String body : List.of("{", "[]", "{\"name\":\"x\"}",
                "{\"name\":\"x\",\"role\":\"root\"}",
                "{\"name\":\"\",\"role\":\"auditor\"}", "{\"name\":7,\"role\":\"auditor\"}",
                "{\"name\":\"x\",\"role\":\"auditor\",\"extra\":1}")) {
            assertProblem(send(HttpMethod.POST, "/admin/v1/api-keys", TestCa.ADMIN_TOKEN, body),
                    400);
        }
        assertProblem(send(HttpMethod.POST, "/admin/v1/api-keys", TestCa.ADMIN_TOKEN, null), 400);

        assertEquals(before, listKeys().size());
    }

    @Test
    void apiKey_createdUsedAndRevoked_stopsWorking() {
        HttpResponse<Buffer> created = send(HttpMethod.POST, "/admin/v1/api-keys",
                TestCa.ADMIN_TOKEN, "{\"name\":\"temp\",\"role\":\"auditor\"}");
        assertEquals(201, created.statusCode(), created.bodyAsString());
        JsonObject key = created.bodyAsJsonObject();
        String secret = key.getString("secret");
        assertTrue(secret.startsWith("stica_"));
        assertEquals(200, send(HttpMethod.GET, "/admin/v1/certificates", secret, null)
                .statusCode());
        assertFalse(listKeys().encode().contains(secret), "a listing never shows a secret");

        assertEquals(204, send(HttpMethod.DELETE, "/admin/v1/api-keys/" + key.getString("id"),
                TestCa.ADMIN_TOKEN, null).statusCode());

        assertProblem(send(HttpMethod.GET, "/admin/v1/certificates", secret, null), 401);
        assertProblem(send(HttpMethod.DELETE, "/admin/v1/api-keys/" + key.getString("id"),
                TestCa.ADMIN_TOKEN, null), 404);
    }

    @Test
    void favicon_withoutKey_isAnsweredAndLeavesNoDenialInTheAuditLog() {
        // issue 17: a console visit must not fill the security trail with favicon denials
        assertEquals(204, send(HttpMethod.GET, "/favicon.ico", null, null).statusCode());

        JsonArray denied = send(HttpMethod.GET, "/admin/v1/audit-events?type=admin.denied",
                TestCa.ADMIN_TOKEN, null).bodyAsJsonObject().getJsonArray("items");
        assertTrue(denied.stream().map(JsonObject.class::cast)
                .noneMatch(e -> "/favicon.ico".equals(e.getString("subject"))), denied.encode());
    }

    @Test
    void probes_withoutKey_answerOneWordAndAgreeWithHealth() {
        // issue 17: /livez and /readyz need no credentials and tell an attacker nothing
        HttpResponse<Buffer> live = send(HttpMethod.GET, "/livez", null, null);
        assertEquals(200, live.statusCode());
        assertEquals("ok\n", live.bodyAsString());
        JsonObject health = send(HttpMethod.GET, "/admin/v1/health", TestCa.ADMIN_TOKEN, null)
                .bodyAsJsonObject();
        boolean ready = "ok".equals(health.getString("database"))
                && "ok".equals(health.getJsonObject("hsm").getString("status"))
                && "ok".equals(health.getJsonObject("stiPaTrust").getString("status"));
        HttpResponse<Buffer> readiness = send(HttpMethod.GET, "/readyz", null, null);
        assertEquals(ready ? 200 : 503, readiness.statusCode(), health.encode());
        assertTrue(ready, "the test server is ready: " + health.encode());
        assertEquals("ok\n", readiness.bodyAsString());
    }

    @Test
    void denial_isRecordedInTheAuditLog() {
        send(HttpMethod.GET, "/admin/v1/api-keys", keys.get(AdminRole.AUDITOR), null);

        JsonArray items = send(HttpMethod.GET, "/admin/v1/audit-events?type=admin.denied",
                TestCa.ADMIN_TOKEN, null).bodyAsJsonObject().getJsonArray("items");

        assertTrue(items.stream().map(JsonObject.class::cast).anyMatch(e ->
                "/admin/v1/api-keys".equals(e.getString("subject"))
                        && e.getJsonObject("details").getInteger("status") == 403), items.encode());
        assertEquals("intact", send(HttpMethod.GET, "/admin/v1/audit-events/verify",
                TestCa.ADMIN_TOKEN, null).bodyAsJsonObject().getString("status"));
    }

    @Test
    void configuration_neverShowsSecrets() {
        String body = send(HttpMethod.GET, "/admin/v1/configuration", TestCa.ADMIN_TOKEN, null)
                .bodyAsString();

        assertFalse(body.contains(TestCa.ADMIN_TOKEN), body);
        assertTrue(body.contains("\"token\":\"****\""), body);
    }

    @Test
    void queryParameters_outsideTheContract_areProblems() {
        for (String query : List.of("status=lost", "limit=0", "limit=abc", "serial=xyz",
                "spc=%2F%2F")) {
            assertProblem(send(HttpMethod.GET, "/admin/v1/certificates?" + query,
                    TestCa.ADMIN_TOKEN, null), 400);
        }
        assertProblem(send(HttpMethod.GET, "/admin/v1/audit-events?since=yesterday",
                TestCa.ADMIN_TOKEN, null), 400);
    }

    @Test
    void acmeAccount_deactivatedByOperator_isAuditedAndOnlyOnce() throws Exception {
        // RFC 8555 §7.3.6: valid -> deactivated; a deactivated account stays deactivated.
        org.shredzone.acme4j.Session session =
                new org.shredzone.acme4j.Session(server.directoryUrl());
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
        generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        org.shredzone.acme4j.Account account = new org.shredzone.acme4j.AccountBuilder()
                .agreeToTermsOfService().useKeyPair(generator.generateKeyPair()).create(session);
        String path = account.getLocation().getPath();
        String id = path.substring(path.lastIndexOf('/') + 1);
        String base = "/admin/v1/acme/accounts/" + id;

        HttpResponse<Buffer> shown = send(HttpMethod.GET, base, keys.get(AdminRole.AUDITOR), null);
        assertEquals(200, shown.statusCode(), shown.bodyAsString());
        assertEquals("valid", shown.bodyAsJsonObject().getString("status"));
        HttpResponse<Buffer> done = send(HttpMethod.POST, base + "/deactivate",
                keys.get(AdminRole.OPERATOR), null);
        assertEquals(200, done.statusCode(), done.bodyAsString());
        assertEquals("deactivated", done.bodyAsJsonObject().getString("status"));

        assertProblem(send(HttpMethod.POST, base + "/deactivate", keys.get(AdminRole.OPERATOR),
                null), 409);
        assertProblem(send(HttpMethod.GET, "/admin/v1/acme/accounts/nope",
                keys.get(AdminRole.AUDITOR), null), 404);
        assertTrue(send(HttpMethod.GET, "/admin/v1/audit-events?type=acme.account.", TestCa
                .ADMIN_TOKEN, null).bodyAsString().contains(id));
    }

    @Test
    void rollover_byAdmin_makesTheNewIntermediateTheOnlyIssuingOne() {
        HttpResponse<Buffer> rolled = send(HttpMethod.POST, "/admin/v1/ca/intermediates/rollover",
                TestCa.ADMIN_TOKEN, null);

        assertEquals(201, rolled.statusCode(), rolled.bodyAsString());
        String alias = rolled.bodyAsJsonObject().getString("alias");
        assertTrue(alias.matches("intermediate-[0-9]+"), alias);
        List<JsonObject> issuing = send(HttpMethod.GET, "/admin/v1/ca/keys",
                keys.get(AdminRole.AUDITOR), null).bodyAsJsonObject().getJsonArray("items")
                .stream().map(JsonObject.class::cast).filter(k -> k.getBoolean("issuing"))
                .toList();
        assertEquals(1, issuing.size(), issuing.toString());
        assertEquals(alias, issuing.get(0).getString("alias"));
        assertTrue(send(HttpMethod.GET, "/admin/v1/audit-events?type=ca.intermediate.",
                TestCa.ADMIN_TOKEN, null).bodyAsString().contains(alias));
    }

    @Test
    void dualControl_sensitiveRoute_needsASecondAdmin() {
        // Issue 6: sensitive operations can require a second administrator's approval.
        StiCaServer dual = StiCaServer.start(vertx, ca.with("STICA_ADMIN_DUAL_CONTROL", "true")
                .config()).await();
        try {
            String base = "http://127.0.0.1:" + dual.adminPort();
            String second = createKey("second-admin", "admin");
            String path = "/admin/v1/ca/intermediates/rollover";
            HttpResponse<Buffer> pending = sendTo(base, HttpMethod.POST, path,
                    TestCa.ADMIN_TOKEN, null, null);
            assertEquals(202, pending.statusCode(), pending.bodyAsString());
            String id = pending.bodyAsJsonObject().getString("id");

            assertProblem(sendTo(base, HttpMethod.POST, path, TestCa.ADMIN_TOKEN, null, id), 409);
            assertProblem(sendTo(base, HttpMethod.POST, "/admin/v1/approvals/" + id + "/approve",
                    TestCa.ADMIN_TOKEN, null, null), 403);
            assertEquals(200, sendTo(base, HttpMethod.POST, "/admin/v1/approvals/" + id
                    + "/approve", second, null, null).statusCode());

            assertEquals(201, sendTo(base, HttpMethod.POST, path, TestCa.ADMIN_TOKEN, null, id)
                    .statusCode());
            assertProblem(sendTo(base, HttpMethod.POST, path, TestCa.ADMIN_TOKEN, null, id), 409);
        } finally {
            dual.close().await();
            ca.with("STICA_ADMIN_DUAL_CONTROL", "false");
        }
    }

    private static JsonArray listKeys() {
        return send(HttpMethod.GET, "/admin/v1/api-keys", TestCa.ADMIN_TOKEN, null)
                .bodyAsJsonObject().getJsonArray("items");
    }

    private static String createKey(String name, String role) {
        HttpResponse<Buffer> response = send(HttpMethod.POST, "/admin/v1/api-keys",
                TestCa.ADMIN_TOKEN, new JsonObject().put("name", name).put("role", role).encode());
        assertEquals(201, response.statusCode(), response.bodyAsString());
        return response.bodyAsJsonObject().getString("secret");
    }

    private static String concrete(String template) {
        return template.replaceAll(":[A-Za-z]+", "x1");
    }

    private static void assertProblem(HttpResponse<Buffer> response, int status) {
        assertEquals(status, response.statusCode(), response.bodyAsString());
        assertEquals("application/problem+json", response.getHeader("Content-Type"));
        JsonObject problem = response.bodyAsJsonObject();
        assertEquals(status, problem.getInteger("status"));
        assertTrue(problem.getString("type").startsWith("urn:stica:problem:"));
    }

    private static HttpResponse<Buffer> send(HttpMethod method, String path, String key,
                                             String body) {
        return sendTo("http://127.0.0.1:" + server.adminPort(), method, path, key, body, null);
    }

    private static HttpResponse<Buffer> sendTo(String base, HttpMethod method, String path,
                                               String key, String body, String approval) {
        HttpRequest<Buffer> request = client.requestAbs(method, base + path);
        if (key != null) {
            request.bearerTokenAuthentication(key);
        }
        if (approval != null) {
            request.putHeader(DualControl.HEADER, approval);
        }
        if (body == null) {
            return request.send().await();
        }
        return request.putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer(body)).await();
    }
}
