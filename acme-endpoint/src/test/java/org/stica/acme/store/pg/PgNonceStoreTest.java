package org.stica.acme.store.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.stica.acme.support.AcmeDatabase;
import org.stica.acme.support.Await;

/** Used replay nonces in {@code acme_nonce_used} (RFC 8555 §6.5: each nonce accepted once). */
class PgNonceStoreTest {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Instant EXPIRES = NOW.plus(Duration.ofMinutes(30));

    private final AcmeDatabase database = new AcmeDatabase();
    private final PgNonceStore store = new PgNonceStore(database.pool);

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void markUsed_secondTime_isReplay() {
        byte[] value = value(1);
        assertTrue(Await.result(store.markUsed(value, EXPIRES, NOW)));
        // RFC 8555 §6.5: a nonce is accepted at most once
        assertFalse(Await.result(store.markUsed(value, EXPIRES, NOW.plusSeconds(5))));
        assertTrue(Await.result(store.markUsed(value(2), EXPIRES, NOW.plusSeconds(5))));
    }

    /**
     * The key is the nonce's expiry and random part (db/acme V11): a nonce carries both, and its
     * MAC covers both, so the same random part under another expiry is another nonce.
     */
    @Test
    void markUsed_sameRandomPartOtherExpiry_isAnotherNonce() {
        byte[] value = value(3);
        assertTrue(Await.result(store.markUsed(value, EXPIRES, NOW)));
        assertTrue(Await.result(store.markUsed(value, EXPIRES.plusSeconds(1), NOW)));
        assertFalse(Await.result(store.markUsed(value, EXPIRES.plusSeconds(1), NOW)));
        assertFalse(Await.result(store.markUsed(value, EXPIRES, NOW)));
    }

    @Test
    void markUsed_raceOfEightRedemptions_hasOneWinner() {
        byte[] value = value(7);
        PgNonceStore otherInstance = new PgNonceStore(database.newPool());
        List<Future<Boolean>> race = IntStream.range(0, 8).mapToObj(i -> (i % 2 == 0
                ? store : otherInstance).markUsed(value, EXPIRES, NOW)).toList();
        long winners = race.stream().filter(Await::result).count();
        assertEquals(1, winners);
    }

    @Test
    void markUsed_manyWhileOneIsInFlight_goTogetherAndEachIsAcceptedOnce() {
        List<Future<Boolean>> first = IntStream.range(0, 60)
                .mapToObj(i -> store.markUsed(value(i), EXPIRES, NOW)).toList();
        assertTrue(first.stream().allMatch(Await::result));
        // the first is sent alone, the others wait for it and share a statement or two
        long statements = store.statementsSent();
        assertTrue(statements >= 2 && statements < 10, "statements: " + statements);
        assertEquals(60, values().size());
        // RFC 8555 §6.5: each stays used whichever batch carries the replay
        List<Future<Boolean>> replays = IntStream.range(0, 60)
                .mapToObj(i -> store.markUsed(value(i), EXPIRES, NOW)).toList();
        assertTrue(replays.stream().noneMatch(Await::result));
    }

    @Test
    void markUsed_sameValueTwiceInOneBatch_acceptsOne() {
        Future<Boolean> inFlight = store.markUsed(value(1), EXPIRES, NOW);
        Future<Boolean> waiting = store.markUsed(value(2), EXPIRES, NOW);
        Future<Boolean> sameWaiting = store.markUsed(value(2), EXPIRES, NOW);
        assertTrue(Await.result(inFlight));
        assertEquals(1, List.of(Await.result(waiting), Await.result(sameWaiting)).stream()
                .filter(Boolean::booleanValue).count());
        assertEquals(List.of(1L, 2L), values());
    }

    @Test
    void markUsed_failedStatement_failsItsBatchOnlyAndLaterRedemptionsGoOn() {
        // a null expiry breaks the NOT NULL constraint: that statement fails as a whole
        Future<Boolean> broken = store.markUsed(value(1), null, NOW);
        assertThrows(AssertionError.class, () -> Await.result(broken));
        assertEquals(List.of(), values());
        assertTrue(Await.result(store.markUsed(value(1), EXPIRES, NOW)));
        assertEquals(List.of(1L), values());
    }

    @Test
    void markUsed_purgesOnlyRowsExpiredLongerThanTheGraceAtMostOncePerSecond() {
        Instant longExpired = NOW.minus(PgNonceStore.PURGE_GRACE).minusSeconds(1);
        Instant recentlyExpired = NOW.minusSeconds(10);
        insert(value(1), longExpired);
        insert(value(2), recentlyExpired);
        insert(value(3), EXPIRES);

        assertTrue(Await.result(store.markUsed(value(4), EXPIRES, NOW)));
        assertEquals(List.of(2L, 3L, 4L), values());

        // within the purge interval a redemption does not purge ...
        insert(value(5), longExpired);
        assertTrue(Await.result(store.markUsed(value(6), EXPIRES, NOW.plusMillis(999))));
        assertEquals(List.of(2L, 3L, 4L, 5L, 6L), values());
        // ... the first one after it does; row 2 is now past expiry plus grace as well
        assertTrue(Await.result(store.markUsed(value(8), EXPIRES,
                NOW.plus(PgNonceStore.PURGE_GRACE))));
        assertEquals(List.of(3L, 4L, 6L, 8L), values());
    }

    private void insert(byte[] value, Instant expires) {
        database.execute("INSERT INTO acme_nonce_used (value, expires_at) VALUES ($1, $2)",
                io.vertx.core.buffer.Buffer.buffer(value), expires.atOffset(ZoneOffset.UTC));
    }

    /** The first byte of every stored value, in order. */
    private List<Long> values() {
        return Await.result(database.pool.query(
                "SELECT get_byte(value, 0) AS b FROM acme_nonce_used ORDER BY 1").execute())
                .stream().map(row -> (long) row.getInteger("b")).toList();
    }

    private static byte[] value(int first) {
        byte[] value = new byte[16];
        value[0] = (byte) first;
        value[15] = 42;
        return value;
    }
}
