package org.stica.server.store.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.backends.BackendRegistries;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.server.TestCa;
import org.stica.server.metrics.MetricsVertx;

/**
 * The two pools of the server (issue 18): the main pool commits durably, the async-commit pool of
 * the ACME statements does not wait for the WAL flush, and is a quarter of the size; each has its
 * own SQL client metrics. Real PostgreSQL, on a Vert.x with the server's metrics.
 */
class PgPoolsTest {
    private static TestCa ca;
    private static Vertx vertx;
    private static MeterRegistry registry;

    @BeforeAll
    static void setUp() {
        ca = TestCa.create();
        vertx = MetricsVertx.create(new VertxOptions());
        registry = BackendRegistries.getNow(MetricsVertx.REGISTRY_NAME);
    }

    @AfterAll
    static void tearDown() {
        vertx.close().await();
        ca.close();
    }

    @Test
    void asyncCommitPool_commitsWithoutWaitingForTheFlush_mainPoolDurably() {
        Pool main = PgPools.create(vertx, ca.config().database());
        Pool async = PgPools.createAsyncCommit(vertx, ca.config().database());
        try {
            assertEquals("on", setting(main));
            assertEquals("off", setting(async));
        } finally {
            main.close().await();
            async.close().await();
        }
    }

    @Test
    void statements_countedPerPool_underItsOwnClientName() {
        // one series per SQL client (client_namespace = the pool's metrics name): two pools
        // under one name would add up in one series, and Micrometer would warn
        Pool main = PgPools.create(vertx, ca.config().database());
        Pool async = PgPools.createAsyncCommit(vertx, ca.config().database());
        try {
            double mainBefore = statements(PgPools.MAIN);
            double asyncBefore = statements(PgPools.ASYNC_COMMIT);

            for (int i = 0; i < 3; i++) {
                main.query("SELECT 1").execute().await();
            }
            async.query("SELECT 1").execute().await();

            assertEquals(3, statements(PgPools.MAIN) - mainBefore);
            assertEquals(1, statements(PgPools.ASYNC_COMMIT) - asyncBefore);
            String scraped = ((PrometheusMeterRegistry) registry).scrape();
            assertTrue(scraped.contains("vertx_sql_processing_time_seconds_count{"
                    + "client_namespace=\"stica-db-async-commit\"}"), scraped);
        } finally {
            main.close().await();
            async.close().await();
        }
    }

    /** Statements {@code client} completed so far (0 before its first connection). */
    private static double statements(String client) {
        Timer timer = registry.find("vertx.sql.processing.time")
                .tag("client_namespace", client).timer();
        return timer == null ? 0 : timer.count();
    }

    private static String setting(Pool pool) {
        return pool.query("SHOW synchronous_commit").execute().await().iterator().next()
                .getString(0);
    }
}
