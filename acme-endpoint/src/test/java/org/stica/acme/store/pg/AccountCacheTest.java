package org.stica.acme.store.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.stica.acme.model.Account;
import org.stica.acme.model.AccountStatus;
import org.stica.testing.MutableClock;

/**
 * The account cache serves a row only while it is kept current: a status or key change must apply
 * at once (RFC 8555 §7.3.5-§7.3.6), so no stale row may be stored after its invalidation, and
 * nothing is served or stored while the change notifications are not being received.
 */
class AccountCacheTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final AccountCache cache = new AccountCache(3, Duration.ofSeconds(60), clock);
    private final Loader loader = new Loader();

    @Test
    void get_secondRead_isServedWithoutTheLoader() {
        cache.listening();
        assertEquals(Optional.of(account("a")), loader.completeNext(cache.get("a", loader)));
        assertEquals(Optional.of(account("a")), cache.get("a", loader).result());
        assertEquals(1, loader.calls());
    }

    @Test
    void get_invalidatedWhileTheMissIsInFlight_doesNotStoreTheStaleRow() {
        cache.listening();
        Future<Optional<Account>> inFlight = cache.get("a", loader);
        // the change's notification arrives after the SELECT read the old row, before the put
        cache.invalidate("a");
        assertEquals(Optional.of(account("a")), loader.completeNext(inFlight));

        Future<Optional<Account>> next = cache.get("a", loader);
        assertEquals(2, loader.calls(), "the stale row must not have been stored");
        loader.completeNext(next);
        cache.get("a", loader);
        assertEquals(2, loader.calls(), "a row read after the invalidation is stored");
    }

    @Test
    void get_connectionLostWhileTheMissIsInFlight_doesNotStoreTheRow() {
        cache.listening();
        Future<Optional<Account>> inFlight = cache.get("a", loader);
        cache.notListening();
        cache.listening();
        loader.completeNext(inFlight);
        loader.completeNext(cache.get("a", loader));
        assertEquals(2, loader.calls());
    }

    @Test
    void get_invalidated_readsAgain() {
        cache.listening();
        loader.completeNext(cache.get("a", loader));
        cache.invalidate("a");
        loader.completeNext(cache.get("a", loader));
        assertEquals(2, loader.calls());
    }

    @Test
    void get_notListening_alwaysReadsAndStoresNothing() {
        for (int i = 0; i < 3; i++) {
            loader.completeNext(cache.get("a", loader));
        }
        assertEquals(3, loader.calls());
        assertEquals(0, cache.size());
    }

    @Test
    void notListening_clearsWhatWasCached() {
        cache.listening();
        loader.completeNext(cache.get("a", loader));
        cache.notListening();
        assertEquals(0, cache.size());
        loader.completeNext(cache.get("a", loader));
        assertEquals(2, loader.calls());
    }

    @Test
    void listening_again_startsFromEmpty() {
        cache.listening();
        loader.completeNext(cache.get("a", loader));
        // reconnected: notifications sent while the connection was down are lost
        cache.listening();
        loader.completeNext(cache.get("a", loader));
        assertEquals(2, loader.calls());
    }

    @Test
    void get_olderThanTheTtl_readsAgain() {
        cache.listening();
        loader.completeNext(cache.get("a", loader));
        clock.advance(Duration.ofSeconds(59));
        cache.get("a", loader);
        assertEquals(1, loader.calls());
        clock.advance(Duration.ofSeconds(1));
        loader.completeNext(cache.get("a", loader));
        assertEquals(2, loader.calls());
    }

    @Test
    void get_unknownAccount_isNotCached() {
        cache.listening();
        loader.completeNextEmpty(cache.get("a", loader));
        loader.completeNextEmpty(cache.get("a", loader));
        assertEquals(2, loader.calls());
    }

    @Test
    void get_beyondTheCapacity_dropsTheLeastRecentlyUsed() {
        cache.listening();
        for (String id : List.of("a", "b", "c")) {
            loader.completeNext(cache.get(id, loader));
        }
        cache.get("a", loader);
        loader.completeNext(cache.get("d", loader));
        assertEquals(3, cache.size());
        assertEquals(4, loader.calls());
        cache.get("a", loader);
        assertEquals(4, loader.calls(), "a was used recently and stays");
        loader.completeNext(cache.get("b", loader));
        assertEquals(5, loader.calls(), "b was the least recently used and was dropped");
    }

    private static Account account(String id) {
        return new Account(id, "{}", "tp-" + id, AccountStatus.VALID, List.of(), true,
                Instant.parse("2026-01-01T00:00:00Z"));
    }

    /** A loader whose reads the test completes, in order, when it chooses. */
    private static final class Loader implements Function<String, Future<Optional<Account>>> {
        private final List<String> ids = new ArrayList<>();
        private final List<Promise<Optional<Account>>> pending = new ArrayList<>();

        @Override
        public Future<Optional<Account>> apply(String id) {
            Promise<Optional<Account>> promise = Promise.promise();
            ids.add(id);
            pending.add(promise);
            return promise.future();
        }

        int calls() {
            return ids.size();
        }

        Optional<Account> completeNext(Future<Optional<Account>> read) {
            complete(Optional.of(account(ids.get(ids.size() - pending.size()))));
            assertTrue(read.isComplete());
            return read.result();
        }

        void completeNextEmpty(Future<Optional<Account>> read) {
            complete(Optional.empty());
            assertTrue(read.isComplete());
        }

        private void complete(Optional<Account> row) {
            pending.remove(0).complete(row);
        }
    }
}
