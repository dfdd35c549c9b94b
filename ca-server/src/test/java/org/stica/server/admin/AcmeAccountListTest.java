package org.stica.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Session;
import org.stica.server.StiCaServer;
import org.stica.server.TestCa;

/**
 * {@code GET /admin/v1/acme/accounts} (issue 6): filters by status, service provider (the SPC an
 * external account binding named) and creation time, pages with offset/limit, newest first, and
 * refuses malformed queries with a problem document. Accounts are made by acme4j over HTTP.
 */
class AcmeAccountListTest {
    private static final String LIST = "/admin/v1/acme/accounts";

    private static AdminTestServer admin;
    private static final List<String> plain = new ArrayList<>();
    private static String bound;
    private static Instant between;

    @BeforeAll
    static void setUp() throws Exception {
        admin = AdminTestServer.start(TestCa.create());
        StiCaServer server = admin.server;
        for (int i = 0; i < 3; i++) {
            plain.add(id(new AccountBuilder().agreeToTermsOfService().useKeyPair(ecKey())
                    .create(new Session(admin.server.directoryUrl()))));
        }
        Thread.sleep(20);
        between = Instant.now();
        Thread.sleep(20);
        JsonObject eab = post("/admin/v1/service-providers/7A7B/eab-keys").bodyAsJsonObject();
        bound = id(new AccountBuilder().agreeToTermsOfService()
                .withKeyIdentifier(eab.getString("kid"), eab.getString("hmacKey"))
                .useKeyPair(ecKey()).create(new Session(server.directoryUrl())));
        assertEquals(200, post("/admin/v1/acme/accounts/" + plain.get(0) + "/deactivate")
                .statusCode());
    }

    @AfterAll
    static void tearDown() {
        admin.close();
    }

    @Test
    void list_withoutFilters_showsEveryAccountNewestFirst() {
        JsonArray items = items("");

        assertEquals(4, items.size(), items.encode());
        assertEquals(bound, items.getJsonObject(0).getString("id"));
        assertEquals("7A7B", items.getJsonObject(0).getString("serviceProvider"));
        assertFalse(items.encode().contains("\"jwk\""), "no account key material is listed");
    }

    @Test
    void list_byStatus_spcAndSince_filters() {
        assertEquals(List.of(plain.get(0)), ids(items("?status=deactivated")));
        assertEquals(List.of(bound), ids(items("?spc=7A7B")));
        assertEquals(List.of(), ids(items("?spc=9999")));
        assertEquals(List.of(bound), ids(items("?since=" + between)));
        assertEquals(3, items("?status=valid").size());
    }

    @Test
    void list_paged_visitsEveryAccountOnce() {
        Set<String> seen = new HashSet<>();
        String query = "?limit=3";
        HttpResponse<Buffer> first = get(LIST + query);
        JsonObject page = first.bodyAsJsonObject();
        ids(page.getJsonArray("items")).forEach(seen::add);
        assertEquals(3, page.getInteger("nextOffset"));

        JsonObject second = get(LIST + "?limit=3&offset=3").bodyAsJsonObject();
        ids(second.getJsonArray("items")).forEach(seen::add);

        assertEquals(1, second.getJsonArray("items").size());
        assertFalse(second.containsKey("nextOffset"));
        assertEquals(4, seen.size());
    }

    @Test
    void list_malformedQuery_isAProblem() {
        for (String query : List.of("status=lost", "spc=%2F%2F", "since=yesterday", "limit=0",
                "limit=501", "offset=-1", "limit=abc")) {
            HttpResponse<Buffer> response = get(LIST + "?" + query);
            assertEquals(400, response.statusCode(), query + ": " + response.bodyAsString());
            assertEquals("application/problem+json", response.getHeader("Content-Type"));
            assertTrue(response.bodyAsJsonObject().getString("detail").length() > 5);
        }
    }

    private static JsonArray items(String query) {
        HttpResponse<Buffer> response = get(LIST + query);
        assertEquals(200, response.statusCode(), response.bodyAsString());
        return response.bodyAsJsonObject().getJsonArray("items");
    }

    private static List<String> ids(JsonArray items) {
        return items.stream().map(o -> ((JsonObject) o).getString("id")).toList();
    }

    private static String id(Account account) {
        String path = account.getLocation().getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static KeyPair ecKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static HttpResponse<Buffer> get(String path) {
        return admin.send("GET", path, TestCa.ADMIN_TOKEN, null);
    }

    private static HttpResponse<Buffer> post(String path) {
        return admin.send("POST", path, TestCa.ADMIN_TOKEN, null);
    }
}
