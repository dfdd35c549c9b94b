package org.stica.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.server.StiCaServer;
import org.stica.server.TestCa;
import org.stica.server.store.pg.PgPools;

/**
 * The subscriber registry through the admin API on a real server (issue 15): Unicode legal
 * names round-trip; bad countries, over-long names (RFC 5280 Appendix A) and SPCs held by
 * another subscriber are RFC 9457 problems that change nothing; suspend and reactivate;
 * terminate revokes every live certificate of the subscriber's SPCs (privilegeWithdrawn), is
 * audited and is under dual control when {@code admin.dualControl} is on.
 */
class SubscriberApiTest {
    private static final String BASE = "/admin/v1/subscribers";
    private static final String NAME = "Télécom \"Nord\", Inc. + Co";

    private static AdminTestServer admin;
    private static Pool pool;
    private static String operator;
    private static String auditor;

    @BeforeAll
    static void setUp() {
        admin = AdminTestServer.start(TestCa.create());
        pool = PgPools.create(admin.vertx, admin.ca.config().database());
        operator = key("ops", "operator");
        auditor = key("audit", "auditor");
    }

    @AfterAll
    static void tearDown() {
        pool.close().await();
        admin.close();
    }

    @Test
    void create_unicodeLegalName_roundTripsExactly() {
        JsonObject created = create(NAME, "FR", "1101");
        assertEquals(NAME, created.getString("legalName"));
        assertEquals("active", created.getString("status"));
        assertTrue(created.getString("createdBy").startsWith("admin-key:"), created.encode());

        JsonObject shown = send("GET", BASE + "/" + created.getString("id"), auditor, null)
                .bodyAsJsonObject();
        assertEquals(created, shown);
        assertEquals("Île-de-France", shown.getString("state"));
        assertEquals(new JsonArray().add("mailto:noc@example.net"), shown.getJsonArray(
                "contacts"));

        JsonArray bySpc = send("GET", BASE + "?spc=1101", auditor, null).bodyAsJsonObject()
                .getJsonArray("items");
        assertEquals(1, bySpc.size());
        assertEquals(NAME, bySpc.getJsonObject(0).getString("legalName"));
        assertTrue(events("subscriber.created").contains(created.getString("id")));
    }

    @Test
    void create_badInput_isAProblemAndCreatesNothing() {
        JsonObject holder = create("Holder Co", "US", "1201");
        int before = all().size();
        for (String body : List.of(
                body("Bad Country", "XX", "1202"),
                body("Lower Country", "us", "1202"),
                body("x".repeat(65), "US", "1202"),
                body("Taken SPC", "US", "1201"),
                body("Bad SPC", "US", "12345"),
                body(" Padded", "US", "1202"),
                new JsonObject(body("Bad Contact", "US", "1202")).put("contacts",
                        new JsonArray().add("http://example.net")).encode(),
                new JsonObject(body("Extra", "US", "1202")).put("status", "suspended").encode(),
                "{\"country\":\"US\"}", "{", "[]")) {
            HttpResponse<Buffer> response = send("POST", BASE, operator, body);
            assertProblem(response, body.contains("Taken SPC") ? 409 : 400);
        }
        assertEquals(before, all().size());
        assertEquals(List.of("1201"), spcs(get(holder.getString("id"))));
        assertTrue(send("GET", BASE + "?spc=1202", auditor, null).bodyAsJsonObject()
                .getJsonArray("items").isEmpty());
    }

    @Test
    void create_badInput_problemSaysWhy() {
        assertTrue(detail(send("POST", BASE, operator, body("A", "XX", "1301")))
                .contains("ISO 3166-1 alpha-2"));
        String tooLong = detail(send("POST", BASE, operator, body("x".repeat(65), "US", "1301")));
        assertTrue(tooLong.contains("/legalName") && tooLong.contains("> 64"), tooLong);
        JsonObject holder = create("First Holder", "US", "1302");
        String taken = detail(send("POST", BASE, operator, body("Second", "US", "1302")));
        assertTrue(taken.contains("1302") && taken.contains(holder.getString("id")), taken);
    }

    @Test
    void patch_changesFields_badPatchChangesNothing() {
        JsonObject created = create("Patch Me", "US", "1401");
        String path = BASE + "/" + created.getString("id");
        create("Other Holder", "US", "1402");

        HttpResponse<Buffer> changed = send("PATCH", path, operator, new JsonObject()
                .put("legalName", "Patché & Fils, S.A.").put("country", "CA")
                .put("state", "").put("locality", "Montréal")
                .put("spcs", new JsonArray().add("1401").add("1403")).encode());
        assertEquals(200, changed.statusCode(), changed.bodyAsString());
        JsonObject after = get(created.getString("id"));
        assertEquals("Patché & Fils, S.A.", after.getString("legalName"));
        assertEquals("CA", after.getString("country"));
        assertFalse(after.containsKey("state"));
        assertEquals("Montréal", after.getString("locality"));
        assertEquals(List.of("1401", "1403"), spcs(after));
        assertTrue(events("subscriber.changed").contains(created.getString("id")));

        for (String bad : List.of("{\"country\":\"ZZ\"}", "{\"legalName\":\"" + "n".repeat(65)
                + "\"}", "{\"spcs\":[\"1402\"]}", "{\"locality\":\"" + "l".repeat(129) + "\"}",
                "{\"status\":\"terminated\"}")) {
            HttpResponse<Buffer> response = send("PATCH", path, operator, bad);
            assertProblem(response, bad.contains("1402") ? 409 : 400);
        }
        assertEquals(after, get(created.getString("id")));
        assertProblem(send("PATCH", BASE + "/sub-unknown", operator, "{\"country\":\"US\"}"),
                404);
    }

    @Test
    void suspendAndReactivate_changeStatus_andAreAudited() {
        String id = create("Standing Co", "US", "1501").getString("id");

        HttpResponse<Buffer> suspended = send("POST", BASE + "/" + id + "/suspend", operator,
                null);
        assertEquals(200, suspended.statusCode(), suspended.bodyAsString());
        assertEquals("suspended", suspended.bodyAsJsonObject().getString("status"));
        assertProblem(send("POST", BASE + "/" + id + "/suspend", operator, null), 409);
        assertEquals("suspended", send("GET", BASE + "?status=suspended&spc=1501", auditor,
                null).bodyAsJsonObject().getJsonArray("items").getJsonObject(0)
                .getString("status"));

        assertEquals("active", send("POST", BASE + "/" + id + "/reactivate", operator, null)
                .bodyAsJsonObject().getString("status"));
        assertProblem(send("POST", BASE + "/" + id + "/reactivate", operator, null), 409);
        assertProblem(send("POST", BASE + "/" + id + "/suspend", auditor, null), 403);
        assertTrue(events("subscriber.suspended").contains(id));
        assertTrue(events("subscriber.reactivated").contains(id));
    }

    @Test
    void terminate_revokesLiveCertificatesOfItsSpcs_privilegeWithdrawn_andIsAudited() {
        String id = create("Ending Co", "US", "1601").getString("id");
        send("PATCH", BASE + "/" + id, operator, "{\"spcs\":[\"1601\",\"1602\"]}");
        certificate("16a1", "1601", Instant.now().plus(30, ChronoUnit.DAYS));
        certificate("16a2", "1602", Instant.now().plus(30, ChronoUnit.DAYS));
        certificate("16a3", "1601", Instant.now().minus(1, ChronoUnit.DAYS));
        certificate("16a4", "1699", Instant.now().plus(30, ChronoUnit.DAYS));

        HttpResponse<Buffer> done = send("POST", BASE + "/" + id + "/terminate", operator, null);

        assertEquals(200, done.statusCode(), done.bodyAsString());
        JsonObject body = done.bodyAsJsonObject();
        assertEquals("terminated", body.getString("status"));
        assertEquals(2, body.getInteger("certificatesRevoked"));
        for (String serial : List.of("16a1", "16a2")) {
            JsonObject certificate = send("GET", "/admin/v1/certificates/" + serial, auditor,
                    null).bodyAsJsonObject();
            assertEquals("revoked", certificate.getString("status"), certificate.encode());
            // RFC 5280 §5.3.1: privilegeWithdrawn (9)
            assertEquals(9, certificate.getInteger("revocationReason"));
        }
        assertEquals("issued", send("GET", "/admin/v1/certificates/16a4", auditor, null)
                .bodyAsJsonObject().getString("status"), "another subscriber's SPC");
        assertEquals("issued", send("GET", "/admin/v1/certificates/16a3", auditor, null)
                .bodyAsJsonObject().getString("status"), "expired: not live");
        assertTrue(events("subscriber.terminated").contains(id));
        assertTrue(events("subscriber.certificates-revoked").contains("16a2"));
        assertTrue(events("certificate.revoked").contains("16a1"));

        // final: no reactivation, no change; repeating finds nothing left to revoke
        assertProblem(send("POST", BASE + "/" + id + "/reactivate", operator, null), 409);
        assertProblem(send("PATCH", BASE + "/" + id, operator, "{\"country\":\"US\"}"), 409);
        assertEquals(0, send("POST", BASE + "/" + id + "/terminate", operator, null)
                .bodyAsJsonObject().getInteger("certificatesRevoked"));
        assertEquals("intact", send("GET", "/admin/v1/audit-events/verify", TestCa.ADMIN_TOKEN,
                null).bodyAsJsonObject().getString("status"));
    }

    @Test
    void terminate_underDualControl_needsASecondAdmin() {
        String id = create("Dual Co", "US", "1701").getString("id");
        certificate("17a1", "1701", Instant.now().plus(30, ChronoUnit.DAYS));
        String second = key("second-admin", "admin");
        StiCaServer dual = StiCaServer.start(admin.vertx, admin.ca.with(
                "STICA_ADMIN_DUAL_CONTROL", "true").config()).await();
        try {
            String base = "http://127.0.0.1:" + dual.adminPort();
            String path = BASE + "/" + id + "/terminate";
            HttpResponse<Buffer> pending = admin.send(base, "POST", path, operator, null);
            assertEquals(202, pending.statusCode(), pending.bodyAsString());
            String approval = pending.bodyAsJsonObject().getString("id");
            assertEquals("active", get(id).getString("status"), "nothing ran yet");
            assertEquals("issued", send("GET", "/admin/v1/certificates/17a1", auditor, null)
                    .bodyAsJsonObject().getString("status"));

            assertEquals(200, admin.send(base, "POST", "/admin/v1/approvals/" + approval
                    + "/approve", second, null).statusCode());
            HttpResponse<Buffer> done = admin.client.postAbs(base + path)
                    .bearerTokenAuthentication(operator)
                    .putHeader(DualControl.HEADER, approval).send().await();

            assertEquals(200, done.statusCode(), done.bodyAsString());
            assertEquals("terminated", get(id).getString("status"));
            assertEquals("revoked", send("GET", "/admin/v1/certificates/17a1", auditor, null)
                    .bodyAsJsonObject().getString("status"));
        } finally {
            dual.close().await();
            admin.ca.with("STICA_ADMIN_DUAL_CONTROL", "false");
        }
    }

    @Test
    void list_badQuery_isAProblem() {
        for (String query : List.of("status=gone", "limit=0", "limit=x", "spc=%2F")) {
            assertProblem(send("GET", BASE + "?" + query, auditor, null), 400);
        }
        assertProblem(send("GET", BASE + "/sub-0000000000000000", auditor, null), 404);
    }

    private static void certificate(String serial, String spc, Instant notAfter) {
        String alias = pool.query("SELECT alias FROM ca_key WHERE role = 'intermediate'"
                + " ORDER BY created_at LIMIT 1").execute().await().iterator().next()
                .getString(0);
        pool.preparedQuery("INSERT INTO certificate (serial, issuer_alias, status, spc,"
                + " tbs_sha256, der, not_before, not_after) VALUES ($1, $2, 'issued', $3,"
                + " '\\x00', '\\x3000', $4, $5)").execute(Tuple.of(serial, alias, spc,
                notAfter.minus(60, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC),
                notAfter.atOffset(ZoneOffset.UTC))).await();
    }

    private static JsonObject create(String name, String country, String spc) {
        HttpResponse<Buffer> response = send("POST", BASE, operator, body(name, country, spc));
        assertEquals(201, response.statusCode(), response.bodyAsString());
        return response.bodyAsJsonObject();
    }

    private static String body(String name, String country, String spc) {
        return new JsonObject().put("legalName", name).put("country", country)
                .put("state", "Île-de-France").put("spcs", new JsonArray().add(spc))
                .put("contacts", new JsonArray().add("mailto:noc@example.net")).encode();
    }

    private static JsonObject get(String id) {
        return send("GET", BASE + "/" + id, auditor, null).bodyAsJsonObject();
    }

    private static JsonArray all() {
        return send("GET", BASE + "?limit=500", auditor, null).bodyAsJsonObject()
                .getJsonArray("items");
    }

    private static List<String> spcs(JsonObject subscriber) {
        return subscriber.getJsonArray("spcs").stream().map(String::valueOf).toList();
    }

    private static String events(String type) {
        return send("GET", "/admin/v1/audit-events?limit=500&type="
                + URLEncoder.encode(type, StandardCharsets.UTF_8), TestCa.ADMIN_TOKEN, null)
                .bodyAsString();
    }

    private static String detail(HttpResponse<Buffer> response) {
        return response.bodyAsJsonObject().getString("detail");
    }

    private static String key(String name, String role) {
        HttpResponse<Buffer> response = send("POST", "/admin/v1/api-keys", TestCa.ADMIN_TOKEN,
                new JsonObject().put("name", name).put("role", role).encode());
        assertEquals(201, response.statusCode(), response.bodyAsString());
        return response.bodyAsJsonObject().getString("secret");
    }

    private static void assertProblem(HttpResponse<Buffer> response, int status) {
        assertEquals(status, response.statusCode(), response.bodyAsString());
        assertEquals("application/problem+json", response.getHeader("Content-Type"));
        assertEquals(status, response.bodyAsJsonObject().getInteger("status"));
    }

    private static HttpResponse<Buffer> send(String method, String path, String key,
                                             String body) {
        return admin.send(method, path, key, body);
    }
}
