package org.stica.acme.store.pg;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Values by key that another instance may change, cached only while a {@link ChangeListener}
 * LISTENs for the notifications a trigger sends on every change: each one evicts its key (or
 * everything); (re)connecting and disconnecting clear everything, and while disconnected every
 * read goes to the database and nothing is stored.
 *
 * <p>A reader that missed reads the row and stores it only if no invalidation happened meanwhile
 * (a generation counter, bumped by every invalidation, is read before the SELECT and compared
 * before the put), so a row read before a change cannot be stored after that change's
 * notification evicted it. Entries also expire after a TTL, in case a notification is lost on a
 * connection that broke without the client noticing yet. Bounded, least recently used first out.
 * Absent values are never cached. Thread-safe: requests on several event loops share it.
 *
 * @param <V> the cached value
 */
public class NotifiedCache<V> {
    /** {@link #get} marker: not listening, so the loaded value is not stored. */
    private static final long BYPASS = -1;

    private final long ttlMillis;
    private final Clock clock;
    private final Map<String, Entry<V>> entries;
    private long generation;
    private boolean listening;

    public NotifiedCache(int capacity, Duration ttl, Clock clock) {
        if (capacity < 1 || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("capacity and ttl must be positive");
        }
        this.ttlMillis = ttl.toMillis();
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry<V>> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * The cached value while listening and fresh; otherwise what {@code loader} reads, stored
     * when still listening and no invalidation happened since the read began.
     */
    public Future<Optional<V>> get(String key, Function<String, Future<Optional<V>>> loader) {
        long seen;
        synchronized (this) {
            if (!listening) {
                seen = BYPASS;
            } else {
                Entry<V> entry = entries.get(key);
                long now = clock.millis();
                if (entry != null && entry.freshAt(now, ttlMillis)) {
                    return Future.succeededFuture(Optional.of(entry.value()));
                }
                if (entry != null) {
                    entries.remove(key);
                }
                seen = generation;
            }
        }
        if (seen == BYPASS) {
            return loader.apply(key);
        }
        return loader.apply(key).map(found -> {
            found.ifPresent(value -> store(key, value, seen));
            return found;
        });
    }

    /** The value of {@code key} changed (notification or a write through this instance). */
    public synchronized void invalidate(String key) {
        generation++;
        entries.remove(key);
    }

    /** Something changed that may touch any key. */
    public synchronized void invalidateAll() {
        generation++;
        entries.clear();
    }

    /** The LISTEN is (again) in place: start caching from empty (changes may have been missed). */
    public synchronized void listening() {
        generation++;
        entries.clear();
        listening = true;
    }

    /** The LISTEN connection is gone: forget everything and read the database until it is back. */
    public synchronized void notListening() {
        generation++;
        entries.clear();
        listening = false;
    }

    /** Whether reads may be served from the cache. */
    public synchronized boolean isListening() {
        return listening;
    }

    public synchronized int size() {
        return entries.size();
    }

    private synchronized void store(String key, V value, long seen) {
        if (listening && generation == seen) {
            entries.put(key, new Entry<>(value, clock.millis()));
        }
    }

    private record Entry<V>(V value, long loadedAt) {
        boolean freshAt(long now, long ttlMillis) {
            return now >= loadedAt && now - loadedAt < ttlMillis;
        }
    }
}
