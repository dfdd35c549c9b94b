package org.stica.server.acmeport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.server.acmeport.RegistrySubscriberCheck.Holder;
import org.stica.server.acmeport.RegistrySubscriberCheck.Holders;
import org.stica.server.store.pg.PgPools;
import org.stica.server.subscriber.store.pg.PgSubscriberStore;
import org.stica.server.testing.PgTestDatabase;

/**
 * The cached SPC holders (issue 18): served from memory while listening, and a change made by
 * another writer (plain SQL here, as another instance would) applies as soon as its notification
 * arrives. Real PostgreSQL, with the registry's trigger.
 */
class SubscriberHoldersTest {
    private static PgTestDatabase db;
    private static Vertx vertx;
    private static Pool pool;

    @BeforeAll
    static void setUp() {
        db = PgTestDatabase.create();
        vertx = db.vertx();
        pool = db.pool();
        pool.query("INSERT INTO subscriber (id, legal_name, country, status, created_at,"
                + " created_by, changed_at, changed_by) VALUES ('sub-a', 'Alpha Telecom', 'US',"
                + " 'active', now(), 'test', now(), 'test')").execute().await();
        pool.query("INSERT INTO subscriber_spc (spc, subscriber_id) VALUES ('5001', 'sub-a')")
                .execute().await();
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    @Test
    void servesFromMemoryWhileListening_andAChangeByAnotherWriterAppliesOnItsNotification()
            throws Exception {
        AtomicInteger reads = new AtomicInteger();
        Holders registry = RegistrySubscriberCheck.holders(new PgSubscriberStore(pool,
                Clock.systemUTC()));
        Holders counted = spc -> {
            reads.incrementAndGet();
            return registry.bySpc(spc);
        };
        SubscriberHolders holders = new SubscriberHolders(vertx,
                PgPools.connectOptions(db.config().database(), PgPools.HOLDER_LISTENER), counted,
                Clock.systemUTC());
        assertEquals("active", holders.bySpc("5001").await().orElseThrow().status(),
                "before the LISTEN is in place the registry is read");
        holders.start();
        await(holders::isListening);
        int before = reads.get();

        holders.bySpc("5001").await();
        Holder cached = holders.bySpc("5001").await().orElseThrow();
        assertEquals(before + 1, reads.get(), "the second lookup costs no read");
        assertEquals("Alpha Telecom", cached.name().organization());

        pool.query("UPDATE subscriber SET status = 'suspended' WHERE id = 'sub-a'").execute()
                .await();
        await(() -> "suspended".equals(holders.bySpc("5001").await().orElseThrow().status()));

        pool.query("UPDATE subscriber_spc SET subscriber_id = 'sub-a' WHERE spc = '5001'")
                .execute().await();
        pool.query("DELETE FROM subscriber_spc WHERE spc = '5001'").execute().await();
        await(() -> holders.bySpc("5001").await().isEmpty());

        holders.close().await();
        assertTrue(!holders.isListening(), "closed: every lookup reads the registry");
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 100 && !condition.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
        assertTrue(condition.getAsBoolean(), "not within 5 s");
    }
}
