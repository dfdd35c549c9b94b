package org.stica.acme.store.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: a database that is away (restart, cut connection, refused connect, shutting down)
 * is told from a statement that is wrong, and only the former is tried again, for a bounded time.
 */
class TransientFailuresTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close().await();
    }

    @Test
    void isTransient_databaseAway_true_statementWrong_false() {
        assertTrue(TransientFailures.isTransient(new ConnectException("Connection refused")));
        assertTrue(TransientFailures.isTransient(ClosedConnectionException.INSTANCE));
        assertTrue(TransientFailures.isTransient(new PgException("terminating connection due to"
                + " administrator command", "FATAL", "57P01", null)));
        assertTrue(TransientFailures.isTransient(new IllegalStateException("wrapped",
                new PgException("the database system is starting up", "FATAL", "57P03", null))));
        assertFalse(TransientFailures.isTransient(new PgException("duplicate key", "ERROR",
                "23505", null)));
        assertFalse(TransientFailures.isTransient(new IllegalStateException("not processing")));
    }

    @Test
    void retry_transientThenSuccess_succeeds_otherFailureIsNotRetried() throws Exception {
        AtomicInteger tries = new AtomicInteger();
        String result = onContext(() -> TransientFailures.retry(() -> tries.incrementAndGet() < 3
                ? Future.failedFuture(new ConnectException("refused"))
                : Future.succeededFuture("recorded"), Duration.ofSeconds(5)));
        assertEquals("recorded", result);
        assertEquals(3, tries.get());

        AtomicInteger wrong = new AtomicInteger();
        Throwable failure = failureOnContext(() -> TransientFailures.retry(() -> {
            wrong.incrementAndGet();
            return Future.failedFuture(new IllegalStateException("not processing"));
        }, Duration.ofSeconds(5)));
        assertEquals("not processing", failure.getMessage());
        assertEquals(1, wrong.get());
    }

    @Test
    void retry_databaseAwayPastTheBudget_givesTheLastFailureInTime() throws Exception {
        long started = System.nanoTime();
        Throwable failure = failureOnContext(() -> TransientFailures.retry(
                () -> Future.failedFuture(new ConnectException("refused")),
                Duration.ofMillis(500)));
        assertTrue(failure instanceof ConnectException);
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(3));
    }

    /** Runs {@code work} on a Vert.x context (the retry needs one for its timers). */
    private <T> T onContext(Supplier<Future<T>> work) throws Exception {
        return vertx.getOrCreateContext().<T>executeBlocking(() -> null)
                .compose(v -> work.get()).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    private Throwable failureOnContext(Supplier<Future<?>> work) throws Exception {
        return vertx.getOrCreateContext().executeBlocking(() -> null)
                .compose(v -> work.get()).toCompletionStage().toCompletableFuture()
                .handle((v, e) -> e instanceof CompletionException c ? c.getCause() : e)
                .get(10, TimeUnit.SECONDS);
    }
}
