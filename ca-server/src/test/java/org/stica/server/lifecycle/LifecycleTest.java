package org.stica.server.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** ARCHITECTURE.md §7: one list of started parts, closed in reverse order, failures contained. */
class LifecycleTest {
    private final List<String> closed = new CopyOnWriteArrayList<>();

    @Test
    void close_partsRegistered_closesInReverseOrderOfStart() {
        Lifecycle lifecycle = new Lifecycle();
        lifecycle.onStop("vault", () -> closed.add("vault"));
        lifecycle.onClose("pool", () -> record("pool"));
        lifecycle.closing("signer", "signer", closed::add);
        lifecycle.started("sweeper", "sweeper", part -> { }, closed::add);

        lifecycle.close().await();

        assertEquals(List.of("vault", "pool", "signer", "sweeper"), lifecycle.names());
        assertEquals(List.of("sweeper", "signer", "pool", "vault"), closed);
    }

    @Test
    void close_onePartFailsOrThrows_closesTheOthersAndSucceeds() {
        Lifecycle lifecycle = new Lifecycle();
        lifecycle.onStop("first", () -> closed.add("first"));
        lifecycle.onClose("failing future", () -> Future.failedFuture("pool broken"));
        lifecycle.onStop("throwing", () -> {
            throw new IllegalStateException("timer broken");
        });
        lifecycle.onStop("last", () -> closed.add("last"));

        Future<Void> done = lifecycle.close();

        assertTrue(done.succeeded(), "failures are logged, not returned");
        assertEquals(List.of("last", "first"), closed);
    }

    @Test
    void close_asyncPart_nextWaitsForIt() {
        Lifecycle lifecycle = new Lifecycle();
        Promise<Void> slow = Promise.promise();
        lifecycle.onStop("earlier", () -> closed.add("earlier"));
        lifecycle.onClose("slow", slow::future);

        Future<Void> done = lifecycle.close();

        assertEquals(List.of(), closed, "the earlier part waits for the later one to close");
        assertTrue(!done.isComplete());
        slow.complete();
        assertEquals(List.of("earlier"), closed);
        assertTrue(done.succeeded());
    }

    @Test
    void close_calledTwice_closesOnceAndReturnsTheSameFuture() {
        Lifecycle lifecycle = new Lifecycle();
        lifecycle.onStop("part", () -> closed.add("part"));

        Future<Void> first = lifecycle.close();
        Future<Void> second = lifecycle.close();

        assertSame(first, second);
        assertEquals(List.of("part"), closed);
    }

    @Test
    void onClose_afterCloseBegan_closesThePartAtOnce() {
        Lifecycle lifecycle = new Lifecycle();
        lifecycle.close().await();

        lifecycle.onStop("late", () -> closed.add("late"));

        assertEquals(List.of("late"), closed);
    }

    @Test
    void start_failingStart_stopIsStillRegistered() {
        Lifecycle lifecycle = new Lifecycle();

        Future<Void> started = lifecycle.start("crl", () -> Future.failedFuture("no signer"),
                () -> closed.add("crl"));
        lifecycle.close().await();

        assertTrue(started.failed());
        assertEquals(List.of("crl"), closed);
    }

    private Future<Void> record(String name) {
        closed.add(name);
        return Future.succeededFuture();
    }
}
