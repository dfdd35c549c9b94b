package org.stica.policy.jose;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A small bounded least-recently-used cache for decoded keys: holds at most {@code capacity}
 * entries, evicting the eldest. Thread-safe (one lock; the critical sections are map lookups,
 * the value is computed outside the lock).
 */
public final class KeyCache<K, V> {
    private final Map<K, V> entries;

    public KeyCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The cached value for {@code key}, else {@code load.apply(key)} cached (exceptions pass). */
    public V get(K key, Function<K, V> load) {
        synchronized (entries) {
            V cached = entries.get(key);
            if (cached != null) {
                return cached;
            }
        }
        V loaded = load.apply(key);
        synchronized (entries) {
            entries.put(key, loaded);
        }
        return loaded;
    }

    /** Number of cached entries. */
    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
