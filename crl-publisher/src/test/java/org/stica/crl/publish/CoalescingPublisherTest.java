package org.stica.crl.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.stica.crl.testing.Await;

class CoalescingPublisherTest {
    private final Vertx vertx = Vertx.vertx();
    private final AtomicInteger published = new AtomicInteger();

    @AfterEach
    void close() {
        vertx.close().await();
    }

    @Test
    void request_manyWithinDelay_publishesOnce() throws Exception {
        // STANDARDS.md §6.2 item 3: revocations are coalesced into one rebuild within the delay
        CoalescingPublisher publisher = new CoalescingPublisher(vertx, Duration.ofMillis(200),
                this::publish);
        for (int i = 0; i < 10; i++) {
            Await.result(publisher.request());
        }
        assertTrue(publisher.pending());
        assertEquals(0, published.get());
        waitFor(() -> published.get() == 1);
        assertFalse(publisher.pending());
        Thread.sleep(300);
        assertEquals(1, published.get());
    }

    @Test
    void request_zeroDelay_publishesBeforeCompleting() {
        CoalescingPublisher publisher = new CoalescingPublisher(vertx, Duration.ZERO,
                this::publish);
        Await.result(publisher.request());
        assertEquals(1, published.get());
    }

    @Test
    void stop_pendingRequest_neverPublishes() throws Exception {
        CoalescingPublisher publisher = new CoalescingPublisher(vertx, Duration.ofMillis(100),
                this::publish);
        Await.result(publisher.request());
        publisher.stop();
        Thread.sleep(300);
        assertEquals(0, published.get());
    }

    private Future<Void> publish() {
        published.incrementAndGet();
        return Future.succeededFuture();
    }

    private static void waitFor(BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(condition.getAsBoolean());
    }
}
