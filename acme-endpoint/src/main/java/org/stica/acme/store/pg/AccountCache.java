package org.stica.acme.store.pg;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.stica.acme.model.Account;

/**
 * Accounts by id, so that the account lookup of every kid-signed POST (RFC 8555 §6.2) does not
 * cost a SELECT. A status or key change must still apply at once on every instance (a deactivated
 * account or a replaced key is refused immediately, §7.3.5-§7.3.6), so the cache is only used
 * while {@link AccountChangeSubscriber} listens for the change notifications the
 * {@code acme_account} trigger sends: each one evicts its id; (re)connecting and disconnecting
 * clear everything, and while disconnected every read goes to the database and nothing is stored.
 *
 * <p>A reader that missed reads the row and stores it only if no invalidation happened meanwhile
 * (a generation counter, bumped by every invalidation, is read before the SELECT and compared
 * before the put), so a row read before a change cannot be stored after that change's
 * notification evicted it. Entries also expire after a TTL, in case a notification is lost on a
 * connection that broke without the client noticing yet. Bounded, least recently used first out.
 * Thread-safe: requests on several event loops share it.
 */
public final class AccountCache {
    /** Default bound on the number of cached accounts. */
    public static final int DEFAULT_CAPACITY = 10_000;
    /** Default longest time an entry is served without reading the database again. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(60);

    /** {@link #get} marker: not listening, so the loaded row is not stored. */
    private static final long BYPASS = -1;

    private final long ttlMillis;
    private final Clock clock;
    private final Map<String, Entry> entries;
    private long generation;
    private boolean listening;

    public AccountCache(int capacity, Duration ttl, Clock clock) {
        if (capacity < 1 || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("capacity and ttl must be positive");
        }
        this.ttlMillis = ttl.toMillis();
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > capacity;
            }
        };
    }

    /** A cache that is never told it is listening: every read goes to the database. */
    public static AccountCache none() {
        return new AccountCache(1, Duration.ofMillis(1), Clock.systemUTC());
    }

    /**
     * The cached account while listening and fresh; otherwise what {@code loader} reads, stored
     * when still listening and no invalidation happened since the read began. Absent accounts are
     * never cached.
     */
    public Future<Optional<Account>> get(String id,
                                         Function<String, Future<Optional<Account>>> loader) {
        long seen;
        synchronized (this) {
            if (!listening) {
                seen = BYPASS;
            } else {
                Entry entry = entries.get(id);
                long now = clock.millis();
                if (entry != null && entry.freshAt(now, ttlMillis)) {
                    return Future.succeededFuture(Optional.of(entry.account()));
                }
                if (entry != null) {
                    entries.remove(id);
                }
                seen = generation;
            }
        }
        if (seen == BYPASS) {
            return loader.apply(id);
        }
        return loader.apply(id).map(found -> {
            found.ifPresent(account -> store(id, account, seen));
            return found;
        });
    }

    /** The account {@code id} changed (notification or a write through this instance). */
    public synchronized void invalidate(String id) {
        generation++;
        entries.remove(id);
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

    /** Whether reads may be served from the cache (tests). */
    synchronized boolean isListening() {
        return listening;
    }

    synchronized int size() {
        return entries.size();
    }

    private synchronized void store(String id, Account account, long seen) {
        if (listening && generation == seen && id.equals(account.id())) {
            entries.put(id, new Entry(account, clock.millis()));
        }
    }

    private record Entry(Account account, long loadedAt) {
        boolean freshAt(long now, long ttlMillis) {
            return now >= loadedAt && now - loadedAt < ttlMillis;
        }
    }
}
