package org.stica.policy.jose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KeyCacheTest {

    @Test
    void get_sameKey_loadsOnce() {
        KeyCache<String, String> cache = new KeyCache<>(2);
        AtomicInteger loads = new AtomicInteger();
        cache.get("a", k -> k + loads.incrementAndGet());
        assertEquals("a1", cache.get("a", k -> k + loads.incrementAndGet()));
        assertEquals(1, loads.get());
    }

    @Test
    void get_pastCapacity_evictsLeastRecentlyUsed() {
        KeyCache<String, String> cache = new KeyCache<>(2);
        AtomicInteger loads = new AtomicInteger();
        cache.get("a", k -> k + loads.incrementAndGet());
        cache.get("b", k -> k + loads.incrementAndGet());
        cache.get("a", k -> k + loads.incrementAndGet());
        cache.get("c", k -> k + loads.incrementAndGet());
        assertEquals(2, cache.size());
        assertEquals("a1", cache.get("a", k -> "reloaded"));
        assertEquals("reloaded", cache.get("b", k -> "reloaded"));
    }
}
