package org.stica.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The issuance path's deferred, batched outbox drain (issue 18). */
class DeferredOutboxDrainTest {
    private Vertx vertx;

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void tearDown() {
        vertx.close().await();
    }

    @Test
    void requestsWithinTheLinger_shareOneDrain_andAnswerAtOnce() throws Exception {
        AtomicInteger drains = new AtomicInteger();
        DeferredOutboxDrain drain = counting(drains, Duration.ofMillis(200));

        for (int i = 0; i < 5; i++) {
            assertTrue(drain.drain().succeeded(), "the caller never waits for the chaining");
        }
        assertEquals(0, drains.get(), "nothing drained before the linger");
        Thread.sleep(600);
        assertEquals(1, drains.get());

        drain.drain();  // a request after the drain ran schedules the next one
        Thread.sleep(600);
        assertEquals(2, drains.get());
    }

    @Test
    void aFailedDrain_isLogged_andTheNextRequestSchedulesAgain() throws Exception {
        AtomicInteger drains = new AtomicInteger();
        DeferredOutboxDrain drain = new DeferredOutboxDrain(vertx, () -> {
            drains.incrementAndGet();
            return Future.failedFuture(new IllegalStateException("database away"));
        }, Duration.ofMillis(50));

        drain.drain();
        Thread.sleep(300);
        drain.drain();
        Thread.sleep(300);
        assertEquals(2, drains.get());
    }

    @Test
    void flush_drainsAtOnce_andTheScheduledDrainNoLongerRuns() throws Exception {
        AtomicInteger drains = new AtomicInteger();
        DeferredOutboxDrain drain = counting(drains, Duration.ofMillis(200));

        drain.drain();
        drain.flush().toCompletionStage().toCompletableFuture().get();
        assertEquals(1, drains.get(), "a stopping server chains its events before it goes");
        Thread.sleep(500);
        assertEquals(1, drains.get(), "the cancelled timer drained nothing more");
        drain.drain();  // after a flush, requests schedule drains as before
        Thread.sleep(500);
        assertEquals(2, drains.get());
    }

    @Test
    void aLingerUnderOneMillisecond_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> new DeferredOutboxDrain(vertx,
                Future::succeededFuture, Duration.ZERO));
    }

    /** A drain lingering {@code linger} whose every run counts in {@code drains} and succeeds. */
    private DeferredOutboxDrain counting(AtomicInteger drains, Duration linger) {
        return new DeferredOutboxDrain(vertx, () -> {
            drains.incrementAndGet();
            return Future.succeededFuture();
        }, linger);
    }
}
