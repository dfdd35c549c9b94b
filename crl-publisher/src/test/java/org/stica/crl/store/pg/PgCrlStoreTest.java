package org.stica.crl.store.pg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.nio.file.Path;
import java.util.UUID;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stica.crl.CrlException;
import org.stica.crl.store.CrlStore.SuccessorCheck;
import org.stica.crl.store.StoredCrl;
import org.stica.crl.testing.Await;
import org.stica.crl.testing.CrlDatabase;

class PgCrlStoreTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    private static Vertx vertx;
    private CrlDatabase database;
    private Pool pool;

    @BeforeAll
    static void vertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void closeVertx() {
        await(vertx.close());
    }

    @BeforeEach
    void database() {
        database = CrlDatabase.create();
        pool = database.pool(vertx, 4);
    }

    @AfterEach
    void close() {
        await(pool.close());
        database.close();
    }

    private PgCrlStore store() {
        return new PgCrlStore(vertx, pool, Path.of(System.getProperty("java.io.tmpdir"),
                "stica-crl-test-" + UUID.randomUUID()));
    }

    @Test
    void insertIfNewer_increasingNumbers_storesAndNewestReturnsLast() {
        PgCrlStore store = store();
        StoredCrl first = crl(1_000, T0, new byte[] {1});
        StoredCrl second = crl(1_001, T0.plusSeconds(1), new byte[] {2});

        await(store.insertIfNewer(first, SuccessorCheck.NONE));
        await(store.insertIfNewer(second, SuccessorCheck.NONE));

        StoredCrl newest = await(store.newest()).orElseThrow();
        assertEquals(second, newest);
        assertEquals(BigInteger.valueOf(1_001), newest.number());
        assertEquals(T0.plusSeconds(1), newest.thisUpdate());
        assertEquals(T0.plusSeconds(86_401), newest.nextUpdate());
        assertArrayEquals(new byte[] {2}, newest.der());
    }

    @Test
    void newest_crlOfSeveralParts_anotherInstanceFetchesIdenticalBytes() throws Exception {
        byte[] der = new byte[PgCrlStore.PART_BYTES * 2 + 12_345];
        new java.util.Random(7).nextBytes(der);
        StoredCrl big = crl(2_000, T0, der);
        await(store().insertIfNewer(big, SuccessorCheck.NONE));

        // a second instance (own cache directory) streams the parts into its own file
        StoredCrl fetched = await(store().newest()).orElseThrow();

        assertEquals(big, fetched);
        assertEquals(der.length, fetched.size());
        assertTrue(java.nio.file.Files.isRegularFile(fetched.file()));
        assertArrayEquals(der, fetched.der());
        assertEquals(3, database.count("crl_part WHERE number = 2000"));
    }

    @Test
    void insertIfNewer_crlParts_areStoredLz4Compressed() throws Exception {
        // revoked entries repeat their structure around a random serial, as in a real CRL
        java.util.Random random = new java.util.Random(11);
        java.io.ByteArrayOutputStream der = new java.io.ByteArrayOutputStream();
        while (der.size() < PgCrlStore.PART_BYTES + 100_000) {
            byte[] serial = new byte[16];
            random.nextBytes(serial);
            der.writeBytes(new byte[] {0x30, 0x2e, 0x02, 0x11, 0x00});
            der.writeBytes(serial);
            der.writeBytes("\u0017\r261206022854Z".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        StoredCrl crl = crl(3_000, T0, der.toByteArray());
        await(store().insertIfNewer(crl, SuccessorCheck.NONE));

        assertEquals(2, database.count("crl_part WHERE number = 3000"
                + " AND pg_column_compression(data) = 'lz4'"));
        assertArrayEquals(der.toByteArray(), await(store().newest()).orElseThrow().der());
    }

    @Test
    void insertIfNewer_numberNotGreaterThanNewest_isRefused() {
        // RFC 5280 §5.2.3 / Boulder's storer: a CRL number that does not increase is never stored.
        PgCrlStore store = store();
        await(store.insertIfNewer(crl(5_000, T0, new byte[] {5}), SuccessorCheck.NONE));

        CrlException equal = refused(store.insertIfNewer(crl(5_000, T0, new byte[] {6}),
                SuccessorCheck.NONE));
        CrlException lower = refused(store.insertIfNewer(crl(4_999, T0, new byte[] {7}),
                SuccessorCheck.NONE));

        assertEquals(CrlException.Kind.NOT_NEWER, equal.kind());
        assertEquals(CrlException.Kind.NOT_NEWER, lower.kind());
        assertEquals(BigInteger.valueOf(5_000), await(store.newest()).orElseThrow().number());
    }

    @Test
    void insertIfNewer_checkThrows_storesNothing() {
        PgCrlStore store = store();
        StoredCrl before = await(store.insertIfNewer(crl(10_000, T0, new byte[] {8}),
                SuccessorCheck.NONE));
        BigInteger number = BigInteger.valueOf(10_001);

        CrlException e = refused(store.insertIfNewer(StoredCrl.of(number, T0, T0.plusSeconds(60),
                new byte[] {9}),
                (previous, candidate) -> {
                    throw new CrlException(CrlException.Kind.UNSAFE, "refused by the check");
                }));

        assertEquals(CrlException.Kind.UNSAFE, e.kind());
        assertEquals(Optional.of(before), await(store.newest()));
    }

    @Test
    void insertIfNewer_concurrentSameNumber_storesExactlyOne() {
        PgCrlStore store = store();
        StoredCrl a = crl(900_000, T0, new byte[] {1, 1});
        StoredCrl b = crl(900_000, T0, new byte[] {2, 2});

        Future<StoredCrl> first = store.insertIfNewer(a, SuccessorCheck.NONE);
        Future<StoredCrl> second = store.insertIfNewer(b, SuccessorCheck.NONE);
        awaitSettled(Future.join(first, second));

        assertTrue(first.succeeded() ^ second.succeeded());
    }

    @Test
    void tryRun_whileAnotherHolderHasTheLock_returnsEmptyWithoutRunning() {
        PgBuildLock lock = new PgBuildLock(pool, 42L);
        Pool otherInstance = database.pool(vertx, 2);
        PgBuildLock other = new PgBuildLock(otherInstance, 42L);
        Promise<Void> holding = Promise.promise();
        Promise<String> release = Promise.promise();
        boolean[] ran = {false};

        Future<Optional<String>> holder = lock.tryRun(() -> {
            holding.complete();
            return release.future();
        });
        await(holding.future());
        Optional<String> contended = await(other.tryRun(() -> {
            ran[0] = true;
            return Future.succeededFuture("second");
        }));
        release.complete("first");

        assertTrue(contended.isEmpty());
        assertFalse(ran[0]);
        assertEquals(Optional.of("first"), await(holder));
        assertEquals(Optional.of("again"), await(other.tryRun(() -> Future.succeededFuture(
                "again"))));
        await(otherInstance.close());
    }

    @Test
    void tryRun_workFails_releasesTheLock() {
        PgBuildLock lock = new PgBuildLock(pool, 43L);

        assertThrows(CompletionException.class, () -> await(lock.tryRun(
                () -> Future.failedFuture(new IllegalStateException("boom")))));

        assertEquals(Optional.of(1), await(lock.tryRun(() -> Future.succeededFuture(1))));
    }

    private static StoredCrl crl(long number, Instant thisUpdate, byte[] der) {
        return StoredCrl.of(BigInteger.valueOf(number), thisUpdate, thisUpdate.plusSeconds(86_400),
                der);
    }

    private static CrlException refused(Future<?> future) {
        awaitSettled(future);
        assertTrue(future.failed(), "expected a refusal");
        return (CrlException) future.cause();
    }

    private static void awaitSettled(Future<?> future) {
        Await.settled(future);
    }

    private static <T> T await(Future<T> future) {
        return Await.result(future);
    }
}
