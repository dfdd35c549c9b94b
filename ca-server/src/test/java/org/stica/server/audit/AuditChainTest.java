package org.stica.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stica.hsm.KeyVault;
import org.stica.hsm.KeyVaultFactory;
import org.stica.hsm.KeyVaultConfig;
import org.stica.hsm.SignerPool;
import org.stica.server.audit.store.pg.PgAuditLog;
import org.stica.server.audit.store.pg.PgAuditStore;
import org.stica.server.store.pg.PgPools;
import org.stica.server.testing.PgTestDatabase;
import org.stica.testing.InProcessProvisioningLock;
import org.stica.testing.SoftHsmFixture;

/**
 * The tamper-evident audit log (issue 6; STANDARDS.md §4.5 item 3) on real PostgreSQL and a
 * SoftHSM checkpoint key: appends chain contiguously, and any change, removal or truncation is
 * reported with the first broken record's id.
 */
class AuditChainTest {
    private static SoftHsmFixture hsm;
    private static KeyVault vault;
    private static Vertx vertx;
    private static SignerPool signer;
    private static PublicKey signerKey;
    private static PgTestDatabase db;
    private static Pool pool;
    private static PgAuditLog log;
    private static PgAuditStore store;

    @BeforeAll
    static void open() {
        hsm = SoftHsmFixture.create("audit");
        vault = KeyVaultFactory.open(new KeyVaultConfig(Optional.of(hsm.pkcs11Config(2)),
                Path.of("unused.p12"), new char[0]));
        signerKey = AuditSignerKey.ensure(vault, new InProcessProvisioningLock(),
                Clock.systemUTC());
        db = PgTestDatabase.create();
        vertx = db.vertx();
        signer = new SignerPool(vertx, vault, 2);
        pool = db.pool();
        log = new PgAuditLog(pool, Clock.systemUTC());
        store = new PgAuditStore(pool);
    }

    @AfterAll
    static void close() {
        signer.close();
        db.close();
        vault.close();
        hsm.close();
    }

    @BeforeEach
    void emptyTheChain() throws SQLException {
        sql("TRUNCATE audit_event, audit_checkpoint", true);
    }

    @Test
    void ensure_keyAlreadyPresent_keepsTheSameKey() {
        assertEquals(signerKey, AuditSignerKey.ensure(vault, new InProcessProvisioningLock(),
                Clock.systemUTC()));
    }

    @Test
    void verify_untouchedChain_isIntact() {
        record(5);

        AuditVerification result = verifier().verify().await();

        assertTrue(result.intact(), result.toString());
        assertEquals(5, result.recordsChecked());
    }

    @Test
    void record_concurrentAppends_formOneContiguousChain() {
        List<Future<Void>> appends = new ArrayList<>();
        IntStream.range(0, 40).forEach(i -> appends.add(log.record(
                AuditEvent.of("test.concurrent", "actor-" + i, "s"))));
        Future.all(appends).await();

        List<AuditRecord> records = store.page(0, 100).await();

        assertEquals(40, records.size());
        assertEquals(40, records.get(39).id());
        assertTrue(verifier().verify().await().intact());
    }

    @Test
    void record_twoInstancesAppendingAtOnce_formOneContiguousChain() {
        Pool otherPool = PgPools.create(vertx, db.config().database());
        try {
            PgAuditLog other = new PgAuditLog(otherPool, Clock.systemUTC());
            List<Future<Void>> appends = new ArrayList<>();
            IntStream.range(0, 60).forEach(i -> appends.add((i % 2 == 0 ? log : other)
                    .record(AuditEvent.of("test.instances", "actor-" + i, "s"))));
            Future.all(appends).await();

            List<AuditRecord> records = store.page(0, 100).await();

            assertEquals(60, records.size());
            for (int i = 0; i < records.size(); i++) {
                assertEquals(i + 1, records.get(i).id());
            }
            assertTrue(verifier().verify().await().intact());
        } finally {
            otherPool.close().await();
        }
    }

    @Test
    void record_afterAnotherInstanceMovedTheHead_chainsOntoTheNewHead() {
        Pool otherPool = PgPools.create(vertx, db.config().database());
        try {
            record(2);
            // the other instance appends three: this instance's head (record 2) is stale now
            PgAuditLog other = new PgAuditLog(otherPool, Clock.systemUTC());
            for (int i = 0; i < 3; i++) {
                other.record(AuditEvent.of("test.other", "other-" + i, "s")).await();
            }
            record(1);

            List<AuditRecord> records = store.page(0, 100).await();
            assertEquals(6, records.size());
            assertEquals(6, records.get(5).id());
            assertEquals(records.get(4).hash(), records.get(5).prevHash());
            assertTrue(verifier().verify().await().intact());
        } finally {
            otherPool.close().await();
        }
    }

    @Test
    void record_insertRefusedByTheDatabase_failsStoresNothingAndTheChainGoesOn() {
        record(2);
        // PostgreSQL refuses a NUL character in text: the batch's one INSERT fails as a whole
        Future<Void> refused = log.record(AuditEvent.of("test.refused", "nul\u0000actor", "s"));
        assertThrows(RuntimeException.class, refused::await);
        assertEquals(2, store.page(0, 100).await().size());

        record(1);

        List<AuditRecord> records = store.page(0, 100).await();
        assertEquals(3, records.size());
        assertEquals(3, records.get(2).id());
        assertTrue(verifier().verify().await().intact());
    }

    @Test
    void update_byApplication_isRefusedByTheDatabase() {
        // Issue 6: the audit log is append-only; the schema refuses UPDATE and DELETE.
        record(1);

        assertThrows(SQLException.class,
                () -> sql("UPDATE audit_event SET actor = 'mallory' WHERE id = 1", false));
        assertThrows(SQLException.class, () -> sql("DELETE FROM audit_event", false));
        assertThrows(SQLException.class, () -> sql("TRUNCATE audit_event", false));
    }

    @Test
    void verify_rowChangedInSql_reportsThatRowsId() throws Exception {
        // Issue 6: "a tampered row is detected with its id" (a superuser bypassing the trigger).
        record(5);
        sql("UPDATE audit_event SET details = '{\"reason\":\"none\"}' WHERE id = 3", true);

        AuditVerification result = verifier().verify().await();

        assertFalse(result.intact());
        assertEquals(Optional.of(3L), result.firstBrokenId());
        assertEquals(2, result.recordsChecked());
    }

    @Test
    void verify_rowRehashedInSql_breaksTheNextLink() throws Exception {
        // A forger who also recomputes the row's own hash still breaks the next record's link.
        record(4);
        AuditRecord original = store.page(1, 1).await().get(0);
        AuditRecord forged = AuditRecord.chain(2, original.occurredAt(),
                new AuditEvent(original.type(), "mallory", original.subject(),
                        new JsonObject(original.details())),
                original.prevHash());
        sql("UPDATE audit_event SET actor = 'mallory', hash = '" + forged.hash()
                + "' WHERE id = 2", true);

        assertEquals(Optional.of(3L), verifier().verify().await().firstBrokenId());
    }

    @Test
    void verify_rowDeletedInSql_reportsTheMissingId() throws Exception {
        record(5);
        sql("DELETE FROM audit_event WHERE id = 2", true);

        assertEquals(Optional.of(2L), verifier().verify().await().firstBrokenId());
    }

    @Test
    void verify_tailTruncatedAfterCheckpoint_reportsTheFirstMissingId() throws Exception {
        // Signed checkpoints make a cut-off tail detectable (issue 6: periodic HSM checkpoints).
        record(4);
        assertTrue(checkpointer().checkpointNow().await());
        sql("DELETE FROM audit_event WHERE id >= 3", true);

        AuditVerification result = verifier().verify().await();

        assertEquals(Optional.of(3L), result.firstBrokenId());
        assertEquals(1, result.checkpointsChecked());
    }

    @Test
    void verify_checkpointSignatureForged_isBroken() throws Exception {
        record(2);
        checkpointer().checkpointNow().await();
        sql("UPDATE audit_checkpoint SET signature = '\\x3006020101020101'", true);

        AuditVerification result = verifier().verify().await();

        assertEquals(Optional.of(2L), result.firstBrokenId());
        assertEquals(Optional.of("checkpoint signature is invalid"), result.reason());
    }

    @Test
    void checkpointNow_headUnchanged_signsOnlyOnce() {
        record(2);

        assertTrue(checkpointer().checkpointNow().await());
        assertFalse(checkpointer().checkpointNow().await());
        assertTrue(verifier().verify().await().intact());
    }

    @Test
    void checkpointNow_status_tellsHeadNewestCheckpointAndUnsignedRecords() {
        // issue 17: the age of the newest signed checkpoint and what it leaves unsigned
        AuditCheckpointer checkpointer = checkpointer();
        assertEquals(Optional.empty(), checkpointer.status());
        record(2);
        Instant before = Instant.now().minusSeconds(1);
        checkpointer.checkpointNow().await();
        AuditCheckpointer.Status signed = checkpointer.status().orElseThrow();
        assertEquals(0, signed.unsigned());
        assertTrue(signed.checkpointAt().orElseThrow().isAfter(before), signed.toString());

        record(3);
        AuditCheckpointer other = checkpointer();
        other.start(Duration.ofHours(1));
        try {
            for (int i = 0; i < 100 && other.status().isEmpty(); i++) {
                sleep(20);
            }
            AuditCheckpointer.Status seen = other.status().orElseThrow();
            assertEquals(3, seen.unsigned(), "start reads the chain without signing");
            assertEquals(signed.checkpointAt(), seen.checkpointAt());
        } finally {
            other.stop();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private AuditVerifier verifier() {
        return new AuditVerifier(store, Optional.of(signerKey));
    }

    private AuditCheckpointer checkpointer() {
        return new AuditCheckpointer(vertx, store, signer, Clock.systemUTC());
    }

    private void record(int n) {
        for (int i = 1; i <= n; i++) {
            log.record(new AuditEvent("test.event", "tester", "subject-" + i,
                    new JsonObject().put("n", i).put("z", "last").put("a", "first"))).await();
        }
    }

    private static void sql(String statement, boolean bypassTriggers) throws SQLException {
        try (Connection c = db.jdbc();
             Statement s = c.createStatement()) {
            if (bypassTriggers) {
                s.execute("SET session_replication_role = replica");
            }
            s.execute(statement);
        }
    }
}
