package org.stica.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.server.StiCaServer;
import org.stica.server.TestCa;

/**
 * Intermediate rollover through the admin API on two instances sharing a database and token
 * (issue 6): concurrent requests never make two intermediates of the same generation (an
 * advisory lock serialises them; a loser gets 409), and each success is recorded once
 * (STANDARDS.md §4.5 item 3: key operations are audit events).
 */
class IntermediateRolloverTest {
    private static final String ROLLOVER = "/admin/v1/ca/intermediates/rollover";

    private static AdminTestServer admin;
    private static StiCaServer second;

    @BeforeAll
    static void setUp() {
        admin = AdminTestServer.start(TestCa.create());
        second = StiCaServer.start(admin.vertx, admin.ca.config()).await();
    }

    @AfterAll
    static void tearDown() {
        second.close().await();
        admin.close();
    }

    @Test
    void concurrentRollovers_onTwoInstances_yieldDistinctGenerations() {
        String first = "http://127.0.0.1:" + admin.server.adminPort();
        String other = "http://127.0.0.1:" + second.adminPort();
        List<Future<HttpResponse<Buffer>>> sent = List.of(post(first), post(other),
                post(first), post(other));
        List<HttpResponse<Buffer>> answers = Future.all(sent).await().list();

        Set<String> aliases = new HashSet<>();
        for (HttpResponse<Buffer> answer : answers) {
            assertTrue(answer.statusCode() == 201 || answer.statusCode() == 409,
                    answer.statusCode() + " " + answer.bodyAsString());
            if (answer.statusCode() == 201) {
                assertTrue(aliases.add(answer.bodyAsJsonObject().getString("alias")));
            }
        }
        assertTrue(aliases.size() >= 1);
        Set<String> listed = admin.send("GET", "/admin/v1/ca/keys", TestCa.ADMIN_TOKEN, null)
                .bodyAsJsonObject().getJsonArray("items").stream().map(JsonObject.class::cast)
                .filter(k -> "intermediate".equals(k.getString("role")))
                .map(k -> k.getString("alias")).collect(Collectors.toSet());
        assertEquals(aliases.size() + 1, listed.size(), listed.toString());
        assertTrue(listed.containsAll(aliases));
    }

    private static Future<HttpResponse<Buffer>> post(String base) {
        return admin.client.postAbs(base + ROLLOVER)
                .bearerTokenAuthentication(TestCa.ADMIN_TOKEN).send();
    }
}
