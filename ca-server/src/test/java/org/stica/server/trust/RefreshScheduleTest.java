package org.stica.server.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The STI-PA CRL and CA-list refresh (STANDARDS.md §4.2 item 6: keep the last good copy, retry on
 * error): a failed download is retried after 2 s doubling up to min(period, 10 min)
 * rather than one whole period later.
 */
class RefreshScheduleTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close().await();
    }

    @Test
    void failedRefreshIsRetriedSoonWithBackoffThenFollowsThePeriod() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<Long> at = new CopyOnWriteArrayList<>();
        CountDownLatch fourCalls = new CountDownLatch(4);
        RefreshSchedule schedule = new RefreshSchedule(vertx, "test", () -> {
            at.add(System.nanoTime());
            fourCalls.countDown();
            // fails twice (as a self-fetch before the port answers would), then succeeds
            return calls.incrementAndGet() <= 2 ? Future.failedFuture("503")
                    : Future.succeededFuture();
        }, Duration.ofMillis(2000), Duration.ofMillis(100));
        schedule.start();
        assertTrue(fourCalls.await(10, TimeUnit.SECONDS), "refresh ran " + calls.get() + " times");
        schedule.stop();
        long firstRetry = millis(at.get(1) - at.get(0));
        long secondRetry = millis(at.get(2) - at.get(1));
        long afterSuccess = millis(at.get(3) - at.get(2));
        assertTrue(firstRetry >= 100 && firstRetry < 1500, "first retry after " + firstRetry);
        assertTrue(secondRetry >= 200 && secondRetry < 1500, "second retry after " + secondRetry);
        assertTrue(afterSuccess >= 2000, "after success waits the period, was " + afterSuccess);
    }

    @Test
    void stopCancelsFurtherRefreshes() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        RefreshSchedule schedule = new RefreshSchedule(vertx, "test", () -> {
            calls.incrementAndGet();
            return Future.failedFuture("down");
        }, Duration.ofMinutes(1), Duration.ofMillis(50));
        schedule.start();
        Thread.sleep(30);
        schedule.stop();
        int seen = calls.get();
        Thread.sleep(300);
        assertEquals(seen, calls.get());
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
