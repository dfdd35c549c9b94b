package org.stica.server.admin;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Pool;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.policy.PolicyException;
import org.stica.policy.token.X5uPolicy;
import org.stica.server.TestCa;
import org.stica.server.store.pg.PgPools;
import org.stica.server.store.pg.PgX5uPrefixStore;
import org.stica.server.token.X5uAllowList;

/**
 * The x5u allow-list through the admin API (issue 6; RFC 9448 §6): prefixes are added and
 * removed by an operator, validated (bad ones are problems that change nothing), audited, kept
 * in PostgreSQL next to the configured seed, and picked up at run time by another instance's
 * {@link X5uPolicy} sharing the database.
 */
class X5uAllowListTest {
    private static final String LIST = "/admin/v1/x5u-allow-list";
    private static final String SEED = "https://seed.pa.example/certs/";

    private static AdminTestServer admin;
    private static String operator;

    @BeforeAll
    static void setUp() {
        admin = AdminTestServer.start(TestCa.create().with("STICA_X5U_ALLOWED_PREFIXES", SEED));
        operator = send("POST", "/admin/v1/api-keys", TestCa.ADMIN_TOKEN,
                "{\"name\":\"ops\",\"role\":\"operator\"}").bodyAsJsonObject().getString("secret");
    }

    @AfterAll
    static void tearDown() {
        admin.close();
    }

    @Test
    void add_badPrefixes_areProblemsAndChangeNothing() {
        JsonArray before = items();
        for (String prefix : List.of("ftp://pa.example/certs/", "https:///certs/",
                "https://user@pa.example/certs/", "https://pa.example/certs/#x",
                "https://pa.example/certs/?a=1", "https://pa.example/certs",
                "https://pa.example/a/../certs/", "https://pa.example/%2e%2e/", "not a url",
                "")) {
            HttpResponse<Buffer> response = send("POST", LIST, operator,
                    new JsonObject().put("prefix", prefix).encode());
            assertEquals(400, response.statusCode(), prefix + ": " + response.bodyAsString());
            assertEquals("application/problem+json", response.getHeader("Content-Type"));
        }
        assertEquals(400, send("POST", LIST, operator, "{\"prefix\":\"https://a.example/\","
                + "\"x\":1}").statusCode());
        assertEquals(409, send("POST", LIST, operator,
                new JsonObject().put("prefix", SEED).encode()).statusCode());

        assertEquals(before, items());
    }

    @Test
    void addAndRemove_areListedAuditedAndConflictFree() {
        String prefix = "https://sti-pa.example/x5u/";
        HttpResponse<Buffer> added = send("POST", LIST, operator,
                new JsonObject().put("prefix", prefix).encode());
        assertEquals(201, added.statusCode(), added.bodyAsString());
        String id = added.bodyAsJsonObject().getString("id");

        assertTrue(items().contains(prefix));
        assertTrue(items().contains(SEED), "the configured seed stays");
        assertEquals(409, send("POST", LIST, operator,
                new JsonObject().put("prefix", prefix).encode()).statusCode());
        assertTrue(auditTrail("x5u.prefix.added").contains(prefix));

        assertEquals(204, send("DELETE", LIST + "/" + id, operator, null).statusCode());
        assertFalse(items().contains(prefix));
        assertEquals(404, send("DELETE", LIST + "/" + id, operator, null).statusCode());
        assertTrue(auditTrail("x5u.prefix.removed").contains(id));
    }

    @Test
    void anotherInstance_picksUpChangesWithoutRestart() throws Exception {
        // The allow-list another instance uses: its own policy, the same database.
        Pool pool = PgPools.create(admin.vertx, admin.ca.config().database());
        X5uPolicy policy = new X5uPolicy(List.of(SEED));
        X5uAllowList other = new X5uAllowList(admin.vertx, new PgX5uPrefixStore(pool),
                List.of(SEED), policy);
        try {
            other.start(Duration.ofMillis(200)).await();
            URI x5u = URI.create("https://late.pa.example/repo/cert.pem");
            assertThrows(PolicyException.class, () -> policy.check(x5u));

            String id = send("POST", LIST, operator, new JsonObject()
                    .put("prefix", "https://late.pa.example/repo/").encode())
                    .bodyAsJsonObject().getString("id");
            waitFor(() -> allowed(policy, x5u));
            assertDoesNotThrow(() -> policy.check(URI.create(SEED + "a.pem")));

            send("DELETE", LIST + "/" + id, operator, null);
            waitFor(() -> !allowed(policy, x5u));
        } finally {
            other.stop();
            pool.close().await();
        }
    }

    private static boolean allowed(X5uPolicy policy, URI x5u) {
        try {
            policy.check(x5u);
            return true;
        } catch (PolicyException e) {
            return false;
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not picked up within 5 s");
            Thread.sleep(50);
        }
    }

    private static JsonArray items() {
        HttpResponse<Buffer> response = send("GET", LIST, operator, null);
        assertEquals(200, response.statusCode(), response.bodyAsString());
        return response.bodyAsJsonObject().getJsonArray("items");
    }

    private static String auditTrail(String type) {
        return send("GET", "/admin/v1/audit-events?type=" + type, TestCa.ADMIN_TOKEN, null)
                .bodyAsString();
    }

    private static HttpResponse<Buffer> send(String method, String path, String key,
                                             String body) {
        return admin.send(method, path, key, body);
    }
}
