package org.stica.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.server.TestCa;
import org.stica.server.store.pg.PgPools;

/**
 * {@code GET /admin/v1/stats/activity} on a real server (issue 17): seeded issuances and SPC
 * token refusals come back in their hours' buckets for an auditor key, a missing or unknown key
 * is a 401 problem, a bad {@code hours} a 400 problem; and nothing a console visit loads (its
 * files, a file it lacks, the favicon) leaves an {@code admin.denied} record.
 */
class ActivityApiTest {
    private static final String ACTIVITY = "/admin/v1/stats/activity";

    private static AdminTestServer admin;
    private static Pool pool;
    private static String auditor;
    private static Instant issuedAt;
    private static Instant refusedAt;

    @BeforeAll
    static void setUp() {
        admin = AdminTestServer.start(TestCa.create());
        auditor = admin.send("POST", "/admin/v1/api-keys", TestCa.ADMIN_TOKEN,
                "{\"name\":\"watcher\",\"role\":\"auditor\"}").bodyAsJsonObject()
                .getString("secret");
        pool = PgPools.create(admin.vertx, admin.ca.config().database());
        String issuer = pool.query("SELECT alias FROM ca_key WHERE role = 'intermediate'")
                .execute().await().iterator().next().getString("alias");
        ActivitySeed seed = new ActivitySeed(pool, issuer);
        Instant now = Instant.now();
        issuedAt = now.minus(Duration.ofHours(2));
        refusedAt = now.minus(Duration.ofHours(5));
        seed.certificate("issued", issuedAt);
        seed.certificate("revoked", issuedAt.plusSeconds(1));
        seed.refusal("TOKEN_EXPIRED", refusedAt);
        seed.refusal("TOKEN_TKVALUE_MISMATCH", refusedAt);
        seed.refusal("TOKEN_TKVALUE_MISMATCH", now.minus(Duration.ofHours(30)));
    }

    @AfterAll
    static void tearDown() {
        pool.close().await();
        admin.close();
    }

    @Test
    void activity_auditorKey_givesTheSeededCountsInTheirHours() {
        HttpResponse<Buffer> response = admin.send("GET", ACTIVITY, auditor, null);

        assertEquals(200, response.statusCode(), response.bodyAsString());
        assertEquals("application/json", response.getHeader("Content-Type"));
        JsonObject body = response.bodyAsJsonObject();
        assertEquals(24, body.getInteger("hours"));
        JsonArray buckets = body.getJsonArray("buckets");
        assertEquals(24, buckets.size());
        for (Object b : buckets) {
            JsonObject bucket = (JsonObject) b;
            Instant start = Instant.parse(bucket.getString("start"));
            boolean issuedHour = start.equals(issuedAt.truncatedTo(ChronoUnit.HOURS));
            boolean refusedHour = start.equals(refusedAt.truncatedTo(ChronoUnit.HOURS));
            assertEquals(issuedHour ? 2 : 0, bucket.getLong("issuances"), bucket.encode());
            assertEquals(refusedHour ? new JsonObject().put("TOKEN_EXPIRED", 1)
                    .put("TOKEN_TKVALUE_MISMATCH", 1) : new JsonObject(),
                    bucket.getJsonObject("refusals"), bucket.encode());
        }
        assertEquals(new JsonObject().put("issuances", 2).put("refusals", new JsonObject()
                .put("TOKEN_EXPIRED", 1).put("TOKEN_TKVALUE_MISMATCH", 1)),
                body.getJsonObject("totals"));
    }

    @Test
    void activity_twoDays_includesTheOlderRefusal() {
        JsonObject body = admin.send("GET", ACTIVITY + "?hours=48", auditor, null)
                .bodyAsJsonObject();

        assertEquals(48, body.getJsonArray("buckets").size());
        assertEquals(new JsonObject().put("TOKEN_EXPIRED", 1).put("TOKEN_TKVALUE_MISMATCH", 2),
                body.getJsonObject("totals").getJsonObject("refusals"));
    }

    @Test
    void activity_withoutAValidKey_is401Problem() {
        for (String key : new String[] {null, "stica_not-a-key"}) {
            HttpResponse<Buffer> response = admin.send("GET", ACTIVITY, key, null);

            assertEquals(401, response.statusCode(), response.bodyAsString());
            assertEquals("application/problem+json", response.getHeader("Content-Type"));
        }
    }

    @Test
    void activity_badHours_is400ProblemNamingIt() {
        for (String hours : List.of("0", "-3", "169", "1.5", "abc", "99999999999")) {
            HttpResponse<Buffer> response = admin.send("GET", ACTIVITY + "?hours=" + hours,
                    auditor, null);

            assertEquals(400, response.statusCode(), hours + ": " + response.bodyAsString());
            assertEquals("application/problem+json", response.getHeader("Content-Type"));
            JsonObject problem = response.bodyAsJsonObject();
            assertEquals("urn:stica:problem:malformed", problem.getString("type"));
            assertTrue(problem.getString("detail").contains("hours"), problem.encode());
        }
    }

    @Test
    void consoleVisit_filesMissingFileAndFavicon_addNoDeniedRecord() {
        int before = denied();
        for (String path : List.of("/admin/console", "/admin/console/",
                "/admin/console/index.html", "/admin/console/console.css",
                "/admin/console/console.js", "/admin/console/activity-chart.js",
                "/admin/console/rcd-vetting.js")) {
            assertEquals(200, admin.send("GET", path, null, null).statusCode(), path);
        }
        assertEquals(200, admin.send("HEAD", "/admin/console/console.js", null, null)
                .statusCode());
        assertEquals(204, admin.send("GET", "/favicon.ico", null, null).statusCode());
        assertEquals(404, admin.send("GET", "/admin/console/logo.png", null, null).statusCode());
        assertEquals(404, admin.send("POST", "/admin/console/", null, "{}").statusCode());

        assertEquals(before, denied());
        // the count does see a denial: an API call without a key is one
        assertEquals(401, admin.send("GET", ACTIVITY, null, null).statusCode());
        assertEquals(before + 1, denied());
    }

    private static int denied() {
        return admin.send("GET", "/admin/v1/audit-events?type=admin.denied&limit=500",
                TestCa.ADMIN_TOKEN, null).bodyAsJsonObject().getJsonArray("items").size();
    }
}
