package org.stica.server.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stica.server.config.Notify;
import org.stica.server.notify.store.pg.PgWebhookStore;
import org.stica.server.store.pg.PgPools;
import org.stica.server.testing.PgTestDatabase;
import org.stica.testing.LogCapture;
import org.stica.testing.MutableClock;

/**
 * The webhook dispatcher on real PostgreSQL against a local receiver (issue 15): every event
 * type arrives signed as the README documents, failures are retried with backoff and end
 * {@code failed}, redelivery resends the same body, two instances never send one delivery at the
 * same time, a crashed instance's claim is taken again, and a receiver that never answers is
 * timed out without blocking an event loop.
 */
class WebhookDispatcherTest {
    private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");
    private static PgTestDatabase db;

    private Vertx vertx;
    private LogCapture vertxLog;
    private Pool pool;
    private PgWebhookStore store;
    private MutableClock clock;
    private WebhookReceiver receiver;
    private String subscriber;

    @BeforeAll
    static void migrate() {
        db = PgTestDatabase.create();
        warmUp();
    }

    /**
     * One delivery before any time limit is watched: the first use of the PostgreSQL client,
     * the web client and the JSON codec loads thousands of classes on the event loop (start-up
     * cost, not blocking I/O).
     */
    private static void warmUp() {
        Vertx warm = Vertx.vertx();
        Pool warmPool = PgPools.create(warm, db.config().database());
        try (WebhookReceiver warmReceiver = WebhookReceiver.start(warm)) {
            PgWebhookStore warmStore = new PgWebhookStore(warmPool);
            warmStore.register(new Webhook("warm-up", warmReceiver.url(), START, "test"),
                    "whsec_warm").await();
            new WebhookNotifications(warmStore, java.time.Clock.systemUTC()).enqueue("warm-up",
                    NotificationEvent.suspended("warm-up", START)).await();
            new WebhookDispatcher(warm, warmStore, Notify.DEFAULTS, java.time.Clock.systemUTC())
                    .sweep().await();
            warmStore.remove("warm-up", START).await();
        } finally {
            warmPool.close().await();
            warm.close().await();
        }
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    /** House rule 4: a low event-loop time limit, checked often; warnings fail the test. */
    @BeforeEach
    void setUp() {
        vertxLog = LogCapture.of("io.vertx");
        vertx = Vertx.vertx(new VertxOptions()
                .setMaxEventLoopExecuteTime(250)
                .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
                .setBlockedThreadCheckInterval(20)
                .setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS));
        pool = PgPools.create(vertx, db.config().database());
        pool.query("DELETE FROM webhook_delivery").execute().await();
        store = new PgWebhookStore(pool);
        clock = new MutableClock(START);
        receiver = WebhookReceiver.start(vertx);
        subscriber = "sub-" + System.nanoTime();
        String secret = WebhookSecret.generate();
        receiver.secret(secret);
        store.register(new Webhook(subscriber, receiver.url(), START, "test"), secret).await();
    }

    @AfterEach
    void tearDown() {
        try {
            receiver.close();
            pool.close().await();
            vertx.close().await();
            assertEquals(List.of(), vertxLog.messages(Level.WARN), "no blocked-thread warnings");
        } finally {
            vertxLog.close();
        }
    }

    private Notify settings(int maxAttempts, Duration timeout, Duration... schedule) {
        return new Notify(true, Duration.ofMillis(100), timeout, maxAttempts, List.of(schedule),
                20, Duration.ofDays(14), Duration.ofHours(1));
    }

    private WebhookDispatcher dispatcher(Notify notify) {
        return new WebhookDispatcher(vertx, store, notify, clock);
    }

    private Delivery only() {
        List<Delivery> log = store.deliveries(subscriber, Optional.empty(), Optional.empty(), 50)
                .await();
        assertEquals(1, log.size(), log.toString());
        return log.get(0);
    }

    @Test
    void sweep_eachEventType_isReceivedSignedWithHeaders() {
        SubscriberNotifications port = new WebhookNotifications(store, clock);
        Instant notAfter = START.plus(Duration.ofDays(365));
        List<NotificationEvent> events = List.of(
                NotificationEvent.issued("0a1b", "1234", notAfter,
                        "https://ca.example/certs/0a1b.pem"),
                NotificationEvent.revoked("0a1b", "1234", 1, START),
                NotificationEvent.expiring("0a1b", "1234", notAfter, 13),
                NotificationEvent.suspended(subscriber, START));
        for (NotificationEvent event : events) {
            port.enqueue(subscriber, event).await();
        }

        assertEquals(4, dispatcher(settings(8, Duration.ofSeconds(5), Duration.ofSeconds(10)))
                .sweep().await());

        assertEquals(4, receiver.received.size());
        Map<String, WebhookReceiver.Received> byType = receiver.received.stream()
                .collect(Collectors.toMap(WebhookReceiver.Received::event, r -> r));
        assertEquals(Set.of("certificate.issued", "certificate.revoked", "certificate.expiring",
                "subscriber.suspended"), byType.keySet());
        for (WebhookReceiver.Received r : receiver.received) {
            assertTrue(r.signatureValid(), "HMAC-SHA256 over timestamp.body verifies: " + r);
            assertTrue(r.signature().startsWith("sha256="));
            assertEquals("application/json", r.contentType());
            assertEquals(Long.toString(START.getEpochSecond()), r.timestamp());
            JsonObject body = r.json();
            assertEquals(r.delivery(), body.getString("id"));
            assertEquals(r.event(), body.getString("type"));
            assertEquals(subscriber, body.getString("subscriberId"));
        }
        JsonObject revoked = byType.get("certificate.revoked").json().getJsonObject("data");
        assertEquals(1, revoked.getInteger("reasonCode"));
        assertEquals("keyCompromise", revoked.getString("reason"));
        assertEquals(START.toString(), revoked.getString("revokedAt"));
        JsonObject issued = byType.get("certificate.issued").json().getJsonObject("data");
        assertEquals("https://ca.example/certs/0a1b.pem", issued.getString("x5u"));
        assertEquals(notAfter.toString(), issued.getString("notAfter"));
        assertEquals(13, byType.get("certificate.expiring").json().getJsonObject("data")
                .getInteger("daysLeft"));
        assertTrue(store.deliveries(subscriber, Optional.empty(), Optional.empty(), 50).await()
                .stream().allMatch(d -> d.status() == DeliveryStatus.DELIVERED
                        && d.attempts() == 1 && d.lastStatus().getAsInt() == 200));
    }

    @Test
    void enqueue_subscriberWithoutWebhook_queuesNothing() {
        new WebhookNotifications(store, clock).enqueue("no-webhook-" + System.nanoTime(),
                NotificationEvent.suspended("x", START)).await();

        assertEquals(0, dispatcher(settings(8, Duration.ofSeconds(5), Duration.ofSeconds(1)))
                .sweep().await());
        assertEquals(0, receiver.received.size());
    }

    @Test
    void sweep_receiverAnswers500_retriesWithBackoffThenFails() {
        receiver.status.set(500);
        new WebhookNotifications(store, clock).enqueue(subscriber,
                NotificationEvent.revoked("0c", "1234", 9, START)).await();
        WebhookDispatcher dispatcher = dispatcher(settings(3, Duration.ofSeconds(5),
                Duration.ofSeconds(10), Duration.ofSeconds(30)));

        dispatcher.sweep().await();
        Delivery first = only();
        assertEquals(DeliveryStatus.PENDING, first.status());
        assertEquals(1, first.attempts());
        assertEquals(500, first.lastStatus().getAsInt());
        assertEquals(START.plusSeconds(10), first.nextAttemptAt(), "first pause: 10 s");

        clock.advance(Duration.ofSeconds(9));
        dispatcher.sweep().await();
        assertEquals(1, receiver.received.size(), "not before the backoff has passed");

        clock.advance(Duration.ofSeconds(1));
        dispatcher.sweep().await();
        Delivery second = only();
        assertEquals(2, second.attempts());
        assertEquals(START.plusSeconds(10 + 30), second.nextAttemptAt(), "second pause: 30 s");

        clock.advance(Duration.ofSeconds(30));
        dispatcher.sweep().await();
        Delivery last = only();
        assertEquals(DeliveryStatus.FAILED, last.status());
        assertEquals(3, last.attempts());
        assertEquals("HTTP 500", last.lastError().orElseThrow());
        assertEquals(3, receiver.received.size());

        clock.advance(Duration.ofHours(1));
        dispatcher.sweep().await();
        assertEquals(3, receiver.received.size(), "a failed delivery is not sent again");
        assertEquals(1, store.deliveries(subscriber, Optional.of(DeliveryStatus.FAILED),
                Optional.empty(), 10).await().size(), "visible in the delivery log");
    }

    @Test
    void redeliver_failedDelivery_isSentAgainWithTheSameBody() {
        receiver.status.set(503);
        new WebhookNotifications(store, clock).enqueue(subscriber,
                NotificationEvent.suspended(subscriber, START)).await();
        WebhookDispatcher dispatcher = dispatcher(settings(1, Duration.ofSeconds(5),
                Duration.ofSeconds(10)));
        dispatcher.sweep().await();
        Delivery failed = only();
        assertEquals(DeliveryStatus.FAILED, failed.status());

        receiver.status.set(204);
        clock.advance(Duration.ofMinutes(1));
        Delivery pending = store.redeliver(failed.id(), clock.instant()).await().orElseThrow();
        assertEquals(DeliveryStatus.PENDING, pending.status());
        assertEquals(0, pending.attempts());
        assertTrue(store.redeliver(failed.id(), clock.instant()).await().isEmpty(),
                "a pending delivery is not reset again");
        dispatcher.sweep().await();

        assertEquals(2, receiver.received.size());
        assertEquals(receiver.received.get(0).body(), receiver.received.get(1).body());
        assertEquals(failed.id(), receiver.received.get(1).delivery());
        assertTrue(receiver.received.get(1).signatureValid());
        Delivery delivered = only();
        assertEquals(DeliveryStatus.DELIVERED, delivered.status());
        assertEquals(204, delivered.lastStatus().getAsInt());
        assertTrue(delivered.lastError().isEmpty());
    }

    @Test
    void sweep_twoInstances_neverSendOneDeliveryTwiceAtOnce() {
        receiver.delay(50);
        SubscriberNotifications port = new WebhookNotifications(store, clock);
        for (int i = 0; i < 40; i++) {
            port.enqueue(subscriber, NotificationEvent.expiring(Integer.toHexString(i), "1234",
                    START.plus(Duration.ofDays(3)), 3)).await();
        }
        Pool otherPool = PgPools.create(vertx, db.config().database());
        try {
            Notify notify = settings(8, Duration.ofSeconds(5), Duration.ofSeconds(10));
            WebhookDispatcher one = dispatcher(notify);
            WebhookDispatcher two = new WebhookDispatcher(vertx, new PgWebhookStore(otherPool),
                    notify, clock);

            // both instances sweep at the same moment, again and again, until all are out
            for (int round = 0; round < 4; round++) {
                Future.all(one.sweep(), two.sweep(), one.sweep(), two.sweep()).await();
            }
        } finally {
            otherPool.close().await();
        }

        List<String> ids = receiver.received.stream().map(WebhookReceiver.Received::delivery)
                .toList();
        assertEquals(40, ids.size(), "every delivery sent exactly once");
        assertEquals(40, Set.copyOf(ids).size(), "no delivery sent twice");
        assertTrue(store.deliveries(subscriber, Optional.empty(), Optional.empty(), 100).await()
                .stream().allMatch(d -> d.status() == DeliveryStatus.DELIVERED
                        && d.attempts() == 1));
    }

    @Test
    void sweep_crashedInstancesLease_isTakenAgainOnlyAfterItRanOut() {
        new WebhookNotifications(store, clock).enqueue(subscriber,
                NotificationEvent.suspended(subscriber, START)).await();
        // an instance claimed it and died before sending
        List<ClaimedDelivery> claimed = store.claim(START, START.plusSeconds(40), "dead-instance",
                10).await();
        assertEquals(1, claimed.size());
        WebhookDispatcher dispatcher = dispatcher(settings(8, Duration.ofSeconds(5),
                Duration.ofSeconds(10)));

        dispatcher.sweep().await();
        assertEquals(0, receiver.received.size(), "not while the lease holds");

        clock.advance(Duration.ofSeconds(40));
        dispatcher.sweep().await();
        assertEquals(1, receiver.received.size());
        assertEquals(DeliveryStatus.DELIVERED, only().status());
        assertFalse(store.recordFailed(claimed.get(0), java.util.OptionalInt.empty(), "late",
                Optional.empty()).await(), "the dead instance's late outcome is refused");
        assertEquals(DeliveryStatus.DELIVERED, only().status());
    }

    @Test
    void sweep_hungReceiver_timesOutAndIsRetriedWithoutBlocking() {
        receiver.status.set(0);
        new WebhookNotifications(store, clock).enqueue(subscriber,
                NotificationEvent.suspended(subscriber, START)).await();
        WebhookDispatcher dispatcher = dispatcher(settings(8, Duration.ofMillis(300),
                Duration.ofSeconds(10)));

        long started = System.nanoTime();
        dispatcher.sweep().await();
        long tookMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();

        assertTrue(tookMillis < 3000, "bounded by the request timeout, took " + tookMillis);
        Delivery delivery = only();
        assertEquals(DeliveryStatus.PENDING, delivery.status());
        assertEquals("timed out", delivery.lastError().orElseThrow());
        assertEquals(START.plusSeconds(10), delivery.nextAttemptAt());

        receiver.status.set(200);
        clock.advance(Duration.ofSeconds(10));
        dispatcher.sweep().await();
        assertEquals(DeliveryStatus.DELIVERED, only().status());
        assertEquals(2, only().attempts());
    }

    @Test
    void start_timer_deliversWithoutBeingAsked() throws InterruptedException {
        WebhookDispatcher dispatcher = dispatcher(settings(8, Duration.ofSeconds(5),
                Duration.ofSeconds(10)));
        dispatcher.start();
        try {
            new WebhookNotifications(store, clock).enqueue(subscriber,
                    NotificationEvent.suspended(subscriber, START)).await();
            for (int i = 0; i < 50 && receiver.received.isEmpty(); i++) {
                Thread.sleep(50);
            }
        } finally {
            dispatcher.stop();
        }
        assertEquals(1, receiver.received.size());
    }
}
