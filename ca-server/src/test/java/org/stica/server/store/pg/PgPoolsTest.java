package org.stica.server.store.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.server.TestCa;

/**
 * The two pools of the server (issue 18): the main pool commits durably, the async-commit pool of
 * the ACME statements does not wait for the WAL flush, and is a quarter of the size. Real
 * PostgreSQL.
 */
class PgPoolsTest {
    private static TestCa ca;
    private static Vertx vertx;

    @BeforeAll
    static void setUp() {
        ca = TestCa.create();
        vertx = Vertx.vertx();
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

    private static String setting(Pool pool) {
        return pool.query("SHOW synchronous_commit").execute().await().iterator().next()
                .getString(0);
    }
}
