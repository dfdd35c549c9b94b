package org.stica.server.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.server.config.Notify;
import org.stica.server.notify.store.pg.PgExpiryWarnings;
import org.stica.server.notify.store.pg.PgWebhookStore;
import org.stica.server.testing.PgTestDatabase;

/**
 * Expiry warnings on real PostgreSQL (issue 15): issued, unrevoked certificates within
 * {@code notify.expiryWarningDays} of notAfter are warned once each, also when two instances
 * scan at the same moment; revoked, far and expired certificates are not; a certificate whose SPC
 * has no subscriber yet is looked at again later.
 */
class NotifyExpiryScannerTest {
    private static final Instant NOW = Instant.parse("2026-05-01T00:00:00Z");
    private static PgTestDatabase db;
    private static Vertx vertx;
    private static Pool pool;
    private static Pool otherPool;
    private static PgWebhookStore webhooks;

    @BeforeAll
    static void setUp() {
        db = PgTestDatabase.create();
        vertx = db.vertx();
        pool = db.pool();
        otherPool = db.pool();
        webhooks = new PgWebhookStore(pool);
        pool.preparedQuery("INSERT INTO ca_key (alias, role, certificate) VALUES ($1, $2, $3)")
                .execute(Tuple.of("intermediate-1", "intermediate",
                        io.vertx.core.buffer.Buffer.buffer(new byte[] {1}))).await();
        certificate("a1", "1111", "issued", NOW.plus(Duration.ofDays(3)));
        certificate("a2", "1111", "issued", NOW.plus(Duration.ofDays(13)));
        certificate("a3", "1111", "issued", NOW.plus(Duration.ofDays(30)));
        certificate("a4", "1111", "revoked", NOW.plus(Duration.ofDays(5)));
        certificate("a5", "1111", "issued", NOW.minus(Duration.ofDays(1)));
        certificate("b1", "2222", "issued", NOW.plus(Duration.ofDays(2)));
        webhooks.register(new Webhook("carrier-a", "http://127.0.0.1:9/hook", NOW, "test"),
                "whsec_test").await();
        webhooks.register(new Webhook("carrier-b", "http://127.0.0.1:9/hook", NOW, "test"),
                "whsec_test").await();
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    private static void certificate(String serial, String spc, String status, Instant notAfter) {
        boolean revoked = status.equals("revoked");
        pool.preparedQuery("INSERT INTO certificate (serial, issuer_alias, status, spc,"
                        + " tbs_sha256, der, not_before, not_after, revoked_at, revocation_reason)"
                        + " VALUES ($1, 'intermediate-1', $2, $3, $4, $4, $5, $6, $7, $8)")
                .execute(Tuple.from(new Object[] {serial, status, spc,
                        io.vertx.core.buffer.Buffer.buffer(serial.getBytes()),
                        NOW.minus(Duration.ofDays(300)).atOffset(ZoneOffset.UTC),
                        notAfter.atOffset(ZoneOffset.UTC),
                        revoked ? NOW.atOffset(ZoneOffset.UTC) : null,
                        revoked ? (short) 1 : null})).await();
    }

    private static ExpiryWarningScanner scanner(Pool on,
                                                Function<String, Future<Optional<String>>> of) {
        Notify notify = new Notify(true, Duration.ofSeconds(1), Duration.ofSeconds(1), 8,
                List.of(Duration.ofSeconds(1)), 20, Duration.ofDays(14), Duration.ofHours(1));
        return new ExpiryWarningScanner(vertx, new PgExpiryWarnings(on), of, notify,
                java.time.Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static List<JsonObject> warnings(String subscriber) {
        return webhooks.deliveries(subscriber, Optional.empty(), Optional.empty(), 50).await()
                .stream().filter(d -> d.type() == EventType.CERTIFICATE_EXPIRING)
                .map(d -> new JsonObject(d.payload()).getJsonObject("data")).toList();
    }

    @Test
    void scan_certificatesNearExpiry_areWarnedOnceEach() {
        // carrier-b's SPC has no subscriber at first: not warned, and looked at again later
        Function<String, Future<Optional<String>>> onlyA = spc -> Future.succeededFuture(
                spc.equals("1111") ? Optional.of("carrier-a") : Optional.empty());
        Function<String, Future<Optional<String>>> both = spc -> Future.succeededFuture(
                Optional.of(spc.equals("1111") ? "carrier-a" : "carrier-b"));

        // two instances scan at the same moment
        List<Integer> counts = Future.all(scanner(pool, onlyA).scan(),
                scanner(otherPool, onlyA).scan()).await().list();
        assertEquals(2, counts.stream().mapToInt(Integer::intValue).sum(), counts.toString());
        List<JsonObject> a = warnings("carrier-a");
        assertEquals(List.of("a1", "a2"), a.stream().map(w -> w.getString("serial")).sorted()
                .toList(), "within 14 days, issued, not yet expired");
        JsonObject a1 = a.stream().filter(w -> w.getString("serial").equals("a1")).findFirst()
                .orElseThrow();
        assertEquals(3, a1.getInteger("daysLeft"));
        assertEquals("1111", a1.getString("spc"));
        assertEquals(NOW.plus(Duration.ofDays(3)).toString(), a1.getString("notAfter"));
        assertTrue(warnings("carrier-b").isEmpty());

        assertEquals(1, scanner(pool, both).scan().await(), "only b1 is new");
        assertEquals(0, scanner(pool, both).scan().await(), "each certificate warned once");
        assertEquals(2, warnings("carrier-a").size());
        assertEquals(1, warnings("carrier-b").size());
    }
}
