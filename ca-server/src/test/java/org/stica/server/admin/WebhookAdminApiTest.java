package org.stica.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.json.schema.OutputUnit;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.server.StiCaServer;
import org.stica.server.TestCa;
import org.stica.server.admin.contract.AdminContract;
import org.stica.server.notify.NotificationEvent;
import org.stica.server.notify.SubscriberNotifications;
import org.stica.server.notify.WebhookNotifications;
import org.stica.server.notify.WebhookReceiver;
import org.stica.server.notify.store.pg.PgWebhookStore;
import org.stica.server.store.pg.PgPools;

/**
 * The webhook admin routes on a real server (issue 15): the secret is shown once and never
 * again (not by GET, not in the audit log), rotation replaces it, plain http is refused unless
 * {@code notify.allowHttpLoopback}, the running server's dispatcher delivers signed events, the
 * delivery log pages, redelivery resends, removal stops deliveries; every response agrees with the
 * OpenAPI contract.
 */
class WebhookAdminApiTest {
    private static final String KEY = TestCa.ADMIN_TOKEN;
    private static AdminTestServer server;
    private static Pool pool;
    private static SubscriberNotifications notifications;
    private static WebhookReceiver receiver;
    private static AdminContract contract;

    @BeforeAll
    static void setUp() {
        server = AdminTestServer.start(TestCa.create()
                .with("STICA_NOTIFY_ALLOW_HTTP_LOOPBACK", "true")
                .with("STICA_NOTIFY_DISPATCH_INTERVAL_MILLIS", "100")
                .with("STICA_NOTIFY_RETRY_SCHEDULE", "100ms"));
        pool = PgPools.create(server.vertx, server.ca.config().database());
        notifications = new WebhookNotifications(new PgWebhookStore(pool), Clock.systemUTC());
        receiver = WebhookReceiver.start(server.vertx);
        contract = AdminContract.load(server.vertx).await();
    }

    @AfterAll
    static void tearDown() {
        receiver.close();
        pool.close().await();
        server.close();
    }

    private static String path(String subscriber) {
        return "/admin/v1/subscribers/" + subscriber + "/webhook";
    }

    private static void assertSchema(String schema, Object body) {
        OutputUnit result = contract.schema(schema).validate(body);
        assertTrue(result.getValid(), schema + ": " + body + ": " + result.toJson().encode());
    }

    private static void assertProblem(HttpResponse<Buffer> response, int status) {
        assertEquals(status, response.statusCode(), response.bodyAsString());
        assertEquals("application/problem+json", response.getHeader("Content-Type"));
    }

    private static String register(String subscriber, String url, int status) {
        HttpResponse<Buffer> created = server.send("PUT", path(subscriber), KEY,
                new JsonObject().put("url", url).encode());
        assertEquals(status, created.statusCode(), created.bodyAsString());
        assertEquals("no-store", created.getHeader("Cache-Control"));
        assertSchema("WebhookCreated", created.bodyAsJsonObject());
        return created.bodyAsJsonObject().getString("secret");
    }

    private static void awaitReceived(int count) throws InterruptedException {
        for (int i = 0; i < 100 && receiver.received.size() < count; i++) {
            Thread.sleep(50);
        }
        assertEquals(count, receiver.received.size(), receiver.received.toString());
    }

    @Test
    void put_secretIsShownOnceAndRotatedOnReplace() {
        String secret = register("carrier-1", "https://hooks.carrier.example/a", 201);
        assertTrue(secret.startsWith("whsec_") && secret.length() > 40, secret);

        HttpResponse<Buffer> shown = server.send("GET", path("carrier-1"), KEY, null);
        assertEquals(200, shown.statusCode(), shown.bodyAsString());
        assertSchema("Webhook", shown.bodyAsJsonObject());
        assertEquals("https://hooks.carrier.example/a", shown.bodyAsJsonObject().getString("url"));
        assertFalse(shown.bodyAsString().contains(secret), "GET never shows the secret");

        String rotated = register("carrier-1", "https://hooks.carrier.example/b", 200);
        assertNotEquals(secret, rotated);
        String audit = server.send("GET", "/admin/v1/audit-events?type=webhook.", KEY, null)
                .bodyAsString();
        assertTrue(audit.contains("webhook.registered") && audit.contains("carrier-1"), audit);
        assertFalse(audit.contains(secret) || audit.contains(rotated),
                "the audit log never holds a secret");
        assertFalse(server.send("GET", path("carrier-1"), KEY, null).bodyAsString()
                .contains(rotated));
    }

    @Test
    void put_badUrlsAndBodies_areProblemsAndChangeNothing() {
        register("carrier-2", "https://hooks.carrier.example/keep", 201);
        for (String body : List.of("{\"url\":\"http://hooks.carrier.example/\"}",
                "{\"url\":\"https://10.0.0.8/hook\"}", "{\"url\":\"https://169.254.169.254/\"}",
                "{\"url\":\"ftp://hooks.example/\"}", "{\"url\":5}", "{}",
                "{\"url\":\"https://hooks.example/\",\"secret\":\"mine\"}")) {
            assertProblem(server.send("PUT", path("carrier-2"), KEY, body), 400);
        }
        assertProblem(server.send("PUT", path("carrier%2F..%2Fx"), KEY,
                "{\"url\":\"https://hooks.example/\"}"), 400);

        assertEquals("https://hooks.carrier.example/keep", server.send("GET", path("carrier-2"),
                KEY, null).bodyAsJsonObject().getString("url"));
    }

    @Test
    void put_loopbackHttp_isRefusedUnlessAllowed() {
        StiCaServer strict = StiCaServer.start(server.vertx, server.ca
                .with("STICA_NOTIFY_ALLOW_HTTP_LOOPBACK", "false").config()).await();
        try {
            String base = "http://127.0.0.1:" + strict.adminPort();
            assertProblem(server.send(base, "PUT", path("carrier-3"), KEY,
                    new JsonObject().put("url", receiver.url()).encode()), 400);
            assertProblem(server.send(base, "GET", path("carrier-3"), KEY, null), 404);
        } finally {
            strict.close().await();
            server.ca.with("STICA_NOTIFY_ALLOW_HTTP_LOOPBACK", "true");
        }
        register("carrier-3", receiver.url(), 201);
    }

    @Test
    void deliveries_signedDeliveryLogAndRedelivery() throws InterruptedException {
        receiver.received.clear();
        String secret = register("carrier-4", receiver.url(), 201);
        receiver.secret(secret);
        notifications.enqueue("carrier-4", NotificationEvent.revoked("0abc", "1234", 9,
                Instant.parse("2026-04-01T00:00:00Z"))).await();

        awaitReceived(1);
        WebhookReceiver.Received first = receiver.received.get(0);
        assertTrue(first.signatureValid(), "signed with the secret shown at registration");
        assertEquals("certificate.revoked", first.event());
        assertEquals("privilegeWithdrawn", first.json().getJsonObject("data")
                .getString("reason"));

        JsonObject log = awaitDelivered("carrier-4");
        JsonObject delivery = log.getJsonArray("items").getJsonObject(0);
        assertEquals(first.delivery(), delivery.getString("id"));
        assertEquals(1, delivery.getInteger("attempts"));
        assertEquals(200, delivery.getInteger("lastStatus"));

        HttpResponse<Buffer> again = server.send("POST", "/admin/v1/webhook-deliveries/"
                + first.delivery() + "/redeliver", KEY, null);
        assertEquals(200, again.statusCode(), again.bodyAsString());
        assertSchema("WebhookDelivery", again.bodyAsJsonObject());
        awaitReceived(2);
        assertEquals(first.delivery(), receiver.received.get(1).delivery());
        assertEquals(first.body(), receiver.received.get(1).body());
        assertTrue(receiver.received.get(1).signatureValid());
        assertTrue(server.send("GET", "/admin/v1/audit-events?type=webhook.redelivered", KEY,
                null).bodyAsString().contains(first.delivery()));

        assertProblem(server.send("POST", "/admin/v1/webhook-deliveries/whd-nope/redeliver",
                KEY, null), 404);
        awaitDelivered("carrier-4");
        assertEquals(204, server.send("DELETE", path("carrier-4"), KEY, null).statusCode());
        assertProblem(server.send("POST", "/admin/v1/webhook-deliveries/" + first.delivery()
                + "/redeliver", KEY, null), 409);
        assertProblem(server.send("GET", path("carrier-4"), KEY, null), 404);
        assertProblem(server.send("DELETE", path("carrier-4"), KEY, null), 404);
        assertTrue(server.send("GET", "/admin/v1/audit-events?type=webhook.removed", KEY, null)
                .bodyAsString().contains("carrier-4"));

        notifications.enqueue("carrier-4", NotificationEvent.suspended("carrier-4",
                Instant.now())).await();
        assertEquals(1, server.send("GET", path("carrier-4") + "/deliveries", KEY, null)
                .bodyAsJsonObject().getJsonArray("items").size(), "no webhook, nothing queued");
    }

    @Test
    void deliveries_pageNewestFirstWithACursor() {
        register("carrier-5", "http://127.0.0.1:9/never-called", 201);
        for (int i = 0; i < 3; i++) {
            notifications.enqueue("carrier-5", NotificationEvent.expiring("0" + i, "1234",
                    Instant.parse("2026-04-01T00:00:00Z"), i)).await();
        }

        JsonObject page = server.send("GET", path("carrier-5") + "/deliveries?limit=2", KEY,
                null).bodyAsJsonObject();
        JsonArray items = page.getJsonArray("items");
        assertEquals(2, items.size());
        assertEquals("02", items.getJsonObject(0).getJsonObject("event").getJsonObject("data")
                .getString("serial"), "newest first");
        items.forEach(item -> assertSchema("WebhookDelivery", item));
        JsonObject rest = server.send("GET", path("carrier-5") + "/deliveries?limit=2&before="
                + page.getLong("next"), KEY, null).bodyAsJsonObject();
        assertEquals(1, rest.getJsonArray("items").size());
        assertFalse(rest.containsKey("next"));

        assertProblem(server.send("GET", path("carrier-5") + "/deliveries?limit=0", KEY, null),
                400);
        assertProblem(server.send("GET", path("carrier-5") + "/deliveries?status=lost", KEY,
                null), 400);
    }

    private static JsonObject awaitDelivered(String subscriber) throws InterruptedException {
        JsonObject log = new JsonObject();
        for (int i = 0; i < 100; i++) {
            log = server.send("GET", path(subscriber) + "/deliveries", KEY, null)
                    .bodyAsJsonObject();
            if ("delivered".equals(log.getJsonArray("items").getJsonObject(0)
                    .getString("status"))) {
                return log;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not delivered: " + log.encode());
    }
}
