package org.stica.server.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.hsm.KeyProvisioningLock;
import org.stica.server.config.StiCaConfig;
import org.stica.testing.TestDatabase;

/** The PostgreSQL advisory lock that serializes key provisioning, on a real server. */
class PgProvisioningLockTest {
    private static TestDatabase db;
    private static StiCaConfig.Database database;

    @BeforeAll
    static void createDatabase() {
        db = TestDatabase.create();
        database = StiCaConfig.load(Optional.empty(), Map.of("STICA_DB_URL", db.url())).database();
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @Test
    void acquire_heldByAnotherInstance_waitsUntilItIsReleased() throws Exception {
        PgProvisioningLock first = PgProvisioningLock.of(database);
        PgProvisioningLock second = PgProvisioningLock.of(database);
        KeyProvisioningLock.Held held = first.acquire();
        CompletableFuture<KeyProvisioningLock.Held> waiting =
                CompletableFuture.supplyAsync(second::acquire);
        Thread.sleep(500);
        assertFalse(waiting.isDone(), "the second instance must wait");
        held.close();
        waiting.get(10, TimeUnit.SECONDS).close();
        assertEquals(0, advisoryLocks());
    }

    /** An instance killed while provisioning: its session ends and the lock is free again. */
    @Test
    void acquire_holderSessionEnds_lockIsFreeForTheNextInstance() throws Exception {
        KeyProvisioningLock.Held held = PgProvisioningLock.of(database).acquire();
        try {
            execute("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory'"
                    + " AND objid = " + (PgProvisioningLock.LOCK_KEY & 0xFFFF_FFFFL));
            PgProvisioningLock.of(database).acquire().close();
        } finally {
            held.close();
        }
    }

    @Test
    void acquire_heldLongerThanTheWait_failsNamingTheOtherInstance() {
        try (KeyProvisioningLock.Held held = PgProvisioningLock.of(database).acquire()) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> new PgProvisioningLock(database, Duration.ofMillis(300)).acquire());
            assertTrue(e.getMessage().contains("another instance"), e.getMessage());
        }
    }

    private static int advisoryLocks() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement();
             // this test's database only: other test classes on the same server hold theirs
             ResultSet rows = s.executeQuery("SELECT count(*) FROM pg_locks"
                     + " WHERE locktype = 'advisory' AND granted AND database ="
                     + " (SELECT oid FROM pg_database WHERE datname = current_database())")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static void execute(String sql) throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    }
}
