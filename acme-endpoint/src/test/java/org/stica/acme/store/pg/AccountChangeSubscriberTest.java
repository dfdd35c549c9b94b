package org.stica.acme.store.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.stica.acme.model.Account;
import org.stica.acme.model.AccountStatus;
import org.stica.acme.support.AcmeTestServer;
import org.stica.acme.support.Await;

/**
 * Cached accounts over real PostgreSQL LISTEN/NOTIFY, with two "server instances" (two pools) on
 * one database: a deactivation (RFC 8555 §7.3.6) or key change (§7.3.5) made through either must
 * be refused on the other at once, so the cache is kept current by the {@code acme_account}
 * trigger and bypassed whenever the notifications are not being received.
 */
class AccountChangeSubscriberTest {
    private static final String LISTENER = "account-cache-test";
    private final AcmeTestServer server = new AcmeTestServer();
    private final Pool otherPool = PgBuilder.pool().with(new PoolOptions().setMaxSize(2))
            .connectingTo(PgConnectOptions.fromUri(server.db.url())).using(server.vertx).build();
    /** The second instance: its own pool, no cache. */
    private final PgAccountStore other = new PgAccountStore(otherPool);
    private final AccountCache cache = new AccountCache(AccountCache.DEFAULT_CAPACITY,
            AccountCache.DEFAULT_TTL, Clock.systemUTC());
    private final PgAccountStore cached = new PgAccountStore(server.pool, cache);
    private AccountChangeSubscriber subscriber;

    @AfterEach
    void close() {
        try {
            if (subscriber != null) {
                Await.result(subscriber.close());
            }
            Await.result(otherPool.close());
        } finally {
            server.close();
        }
    }

    @Test
    void findById_cached_doesNotReadTheRowAgain() {
        listen(Duration.ofSeconds(1));
        Account account = insert("acct-cached");
        assertEquals(List.of(), read("acct-cached").contact());

        changeBehindTheCache("acct-cached");

        assertEquals(List.of(), read("acct-cached").contact(), "served from the cache");
        assertEquals(List.of("mailto:changed@example.com"),
                Await.result(other.findById(account.id())).orElseThrow().contact());
    }

    @Test
    void deactivate_onAnotherInstance_isSeenHereAtOnce() {
        listen(Duration.ofSeconds(1));
        insert("acct-deactivated");
        assertEquals(AccountStatus.VALID, read("acct-deactivated").status());

        assertTrue(Await.result(other.deactivate("acct-deactivated")).isPresent());

        // the cache's TTL is 60 s: only the notification can make this pass within the wait
        awaitTrue(() -> read("acct-deactivated").status() == AccountStatus.DEACTIVATED,
                "the deactivation made on the other instance is seen");
    }

    @Test
    void changeKey_onAnotherInstance_isSeenHereAtOnce() {
        listen(Duration.ofSeconds(1));
        Account account = insert("acct-rolled");
        assertEquals(account.thumbprint(), read("acct-rolled").thumbprint());

        assertTrue(Await.result(other.changeKey("acct-rolled", account.thumbprint(),
                "{\"new\":true}", "tp-new")).isPresent());

        awaitTrue(() -> "tp-new".equals(read("acct-rolled").thumbprint()),
                "the key change made on the other instance is seen");
    }

    @Test
    void deactivate_throughThisStore_isSeenWithoutWaitingForTheNotification() {
        listen(Duration.ofSeconds(1));
        insert("acct-local");
        read("acct-local");
        sql("ALTER TABLE acme_account DISABLE TRIGGER acme_account_changed");
        try {
            assertTrue(Await.result(cached.deactivate("acct-local")).isPresent());
            assertEquals(AccountStatus.DEACTIVATED, read("acct-local").status());
        } finally {
            sql("ALTER TABLE acme_account ENABLE TRIGGER acme_account_changed");
        }
    }

    @Test
    void findById_whileTheListenConnectionIsDown_readsTheDatabase() {
        listen(Duration.ofSeconds(3));
        insert("acct-down");
        read("acct-down");

        sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                + " WHERE datname = current_database() AND application_name = '" + LISTENER + "'");
        awaitTrue(() -> !cache.isListening(), "the lost connection is noticed");
        changeBehindTheCache("acct-down");
        assertEquals(List.of("mailto:changed@example.com"), read("acct-down").contact(),
                "read from the database while not listening");

        // reconnected: caching again, from empty
        awaitTrue(cache::isListening, "listening again");
        assertEquals(0, cache.size());
        read("acct-down");
        sql("ALTER TABLE acme_account DISABLE TRIGGER acme_account_changed;"
                + " UPDATE acme_account SET contact = '[]' WHERE id = 'acct-down';"
                + " ALTER TABLE acme_account ENABLE TRIGGER acme_account_changed");
        assertEquals(List.of("mailto:changed@example.com"), read("acct-down").contact(),
                "served from the cache again");
    }

    @Test
    void findById_listenConnectionCannotBeMade_readsTheDatabase() {
        PgConnectOptions unreachable = PgConnectOptions.fromUri(server.db.url()).setPort(1);
        subscriber = new AccountChangeSubscriber(server.vertx, unreachable, cache,
                Duration.ofMillis(100));
        subscriber.start();
        insert("acct-nolisten");
        read("acct-nolisten");
        changeBehindTheCache("acct-nolisten");
        assertEquals(List.of("mailto:changed@example.com"), read("acct-nolisten").contact());
        assertFalse(cache.isListening());
    }

    private void listen(Duration reconnectDelay) {
        PgConnectOptions database = PgConnectOptions.fromUri(server.db.url())
                .addProperty("application_name", LISTENER);
        subscriber = new AccountChangeSubscriber(server.vertx, database, cache, reconnectDelay);
        subscriber.start();
        awaitTrue(cache::isListening, "listening");
    }

    private Account insert(String id) {
        return Await.result(other.insertIfAbsent(new Account(id, "{\"id\":\"" + id + "\"}",
                "tp-" + id, AccountStatus.VALID, List.of(), true,
                Instant.parse("2026-01-01T00:00:00Z")))).orElseThrow();
    }

    private Account read(String id) {
        return Await.result(cached.findById(id)).orElseThrow();
    }

    /** Changes the row without firing the trigger, so no notification tells the cache. */
    private void changeBehindTheCache(String id) {
        sql("ALTER TABLE acme_account DISABLE TRIGGER acme_account_changed;"
                + " UPDATE acme_account SET contact = '[\"mailto:changed@example.com\"]'"
                + " WHERE id = '" + id + "';"
                + " ALTER TABLE acme_account ENABLE TRIGGER acme_account_changed");
    }

    private void sql(String statements) {
        Await.result(server.pool.query(statements).execute());
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 5 s: " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
