package org.stica.acme.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.stica.acme.jws.RequestNonce;
import org.stica.acme.model.NonceKey;
import org.stica.acme.problem.AcmeProblem;
import org.stica.acme.problem.ProblemType;
import org.stica.acme.store.pg.PgNonceKeyStore;
import org.stica.acme.store.pg.PgNonceStore;
import org.stica.acme.support.AcmeDatabase;
import org.stica.acme.support.Await;
import org.stica.testing.MutableClock;

/**
 * Replay nonces across server instances on one database (RFC 8555 §6.5: a nonce is accepted
 * once, wherever it was issued; every refusal is badNonce). Each "instance" has its own pool and
 * its own {@link NonceService}, as two servers would.
 */
class NonceServiceTest {
    private static final Duration LIFETIME = Duration.ofMinutes(30);

    private final AcmeDatabase database = new AcmeDatabase();
    private final MutableClock clock = new MutableClock(Instant.now());

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void twoInstances_startingTogether_shareOneKeyAndAcceptANonceOnce() {
        NonceService first = instance(database.newPool());
        NonceService second = instance(database.newPool());
        Await.result(Future.all(first.start(), second.start()));
        assertEquals(1, database.count("SELECT count(*) FROM acme_nonce_key"));

        String nonce = Await.result(first.issue());
        Await.result(redeem(second, nonce));
        // RFC 8555 §6.5: replayed at either instance it is refused
        assertBadNonce(redeem(second, nonce));
        assertBadNonce(redeem(first, nonce));
        // and the other way round
        String fromSecond = Await.result(second.issue());
        Await.result(redeem(first, fromSecond));
        assertBadNonce(redeem(second, fromSecond));
    }

    @Test
    void start_laterInstance_keepsTheStoredKey() {
        NonceService first = instance(database.pool);
        Await.result(first.start());
        byte[] stored = storedKey();
        NonceService restarted = instance(database.newPool());
        Await.result(restarted.start());
        assertEquals(1, database.count("SELECT count(*) FROM acme_nonce_key"));
        assertTrue(Arrays.equals(stored, storedKey()));
        Await.result(redeem(restarted, Await.result(first.issue())));
    }

    @Test
    void issue_beforeStart_loadsTheKeyAndWritesNoNonce() {
        NonceService service = instance(database.pool);
        String a = Await.result(service.issue());
        String b = Await.result(service.issue());
        assertNotEquals(a, b);
        assertEquals(0, database.count("SELECT count(*) FROM acme_nonce_used"));
        // the table of stored nonces is gone (V5)
        assertNull(Await.result(database.pool.query("SELECT to_regclass('acme_nonce') AS t")
                .execute()).iterator().next().getValue("t"));
    }

    @Test
    void redeem_secondTime_isBadNonce() {
        NonceService service = instance(database.pool);
        String nonce = Await.result(service.issue());
        Await.result(redeem(service, nonce));
        assertBadNonce(redeem(service, nonce));
        assertEquals(1, database.count("SELECT count(*) FROM acme_nonce_used"));
    }

    @Test
    void redeem_forgedOrExpired_isBadNonceWithoutADatabaseWrite() {
        NonceService service = instance(database.pool);
        Await.result(service.start());
        String nonce = Await.result(service.issue());
        String otherKey = new NonceCodec(List.of(NonceKey.generate(NonceKey.FIRST_ID,
                new SecureRandom())), new SecureRandom()).issue(clock.instant().plus(LIFETIME));
        char last = nonce.charAt(nonce.length() - 1);
        String tampered = nonce.substring(0, nonce.length() - 1) + (last == 'A' ? 'B' : 'A');
        for (String forged : List.of(otherKey, tampered, "AAAAAAAAAAAAAAAAAAAAAA", "",
                nonce + "=")) {
            assertBadNonce(redeem(service, forged));
        }
        // expiry is kept in whole seconds, rounded up
        clock.advance(LIFETIME.plusSeconds(1));
        // RFC 8555 §6.5: an expired nonce is refused
        assertBadNonce(redeem(service, nonce));
        assertEquals(0, database.count("SELECT count(*) FROM acme_nonce_used"));
    }

    private NonceService instance(Pool pool) {
        return new NonceService(new PgNonceKeyStore(pool), new PgNonceStore(pool), clock,
                LIFETIME);
    }

    private byte[] storedKey() {
        return Await.result(database.pool.query("SELECT secret FROM acme_nonce_key").execute())
                .iterator().next().getBuffer("secret").getBytes();
    }

    /** The same problem for every refusal: badNonce, HTTP 400, one detail. */
    private static void assertBadNonce(Future<Void> redemption) {
        try {
            redemption.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
            throw new AssertionError("nonce accepted");
        } catch (ExecutionException e) {
            AcmeProblem problem = (AcmeProblem) e.getCause();
            assertEquals(ProblemType.BAD_NONCE, problem.type());
            assertEquals(NonceService.REFUSED, problem.detail());
        } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    /** Opens and records a nonce once, as a request whose handler folds nothing does (§6.5). */
    private static Future<Void> redeem(NonceService service, String nonce) {
        return service.open(nonce).compose(RequestNonce::settle);
    }
}
