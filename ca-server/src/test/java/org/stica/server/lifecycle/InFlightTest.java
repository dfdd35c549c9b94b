package org.stica.server.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ARCHITECTURE.md §5 invariant 5: a drain waits for the work in flight, within its bound. */
class InFlightTest {
    private final Vertx vertx = Vertx.vertx();
    private final InFlight inFlight = new InFlight(vertx);

    @AfterEach
    void tearDown() {
        vertx.close().await();
    }

    @Test
    void drain_nothingInFlight_completesAtOnce() {
        Future<Void> drained = inFlight.drain(Duration.ofSeconds(30));

        assertTrue(drained.succeeded());
        assertTrue(inFlight.draining());
    }

    @Test
    void drain_workInFlight_completesWhenTheLastTicketEnds() {
        InFlight.Ticket first = inFlight.begin("POST /acme/order/1/finalize");
        InFlight.Ticket second = inFlight.begin("audit append certificate.issued");

        Future<Void> drained = inFlight.drain(Duration.ofSeconds(30));
        first.end();
        first.end();

        assertFalse(drained.isComplete(), "an ended ticket ended twice counts once");
        assertEquals(1, inFlight.count());
        second.end();
        assertTrue(drained.succeeded());
    }

    @Test
    void drain_boundPasses_completesWithWorkStillInFlight() {
        inFlight.begin("POST /acme/order/1/finalize");
        long start = System.nanoTime();

        inFlight.drain(Duration.ofMillis(300)).await();

        long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertTrue(waited >= 250 && waited < 5000, waited + " ms");
        assertEquals(1, inFlight.count());
    }

    @Test
    void drain_zeroBound_doesNotWait() {
        inFlight.begin("GET /cr/1.pem");

        assertTrue(inFlight.drain(Duration.ZERO).succeeded());
    }

    @Test
    void drain_calledTwice_returnsTheSameFuture() {
        inFlight.begin("GET /cr/1.pem");

        assertSame(inFlight.drain(Duration.ofSeconds(1)), inFlight.drain(Duration.ofSeconds(9)));
    }
}
