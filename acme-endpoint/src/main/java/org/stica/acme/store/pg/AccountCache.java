package org.stica.acme.store.pg;

import java.time.Clock;
import java.time.Duration;
import org.stica.acme.model.Account;

/**
 * Accounts by id, so that the account lookup of every kid-signed POST (RFC 8555 §6.2) does not
 * cost a SELECT. A status or key change must still apply at once on every instance (a deactivated
 * account or a replaced key is refused immediately, §7.3.5-§7.3.6), so the cache is only used
 * while {@link AccountChangeSubscriber} listens for the change notifications the
 * {@code acme_account} trigger sends: each one evicts its id (see {@link NotifiedCache}).
 */
public final class AccountCache extends NotifiedCache<Account> {
    /** Default bound on the number of cached accounts. */
    public static final int DEFAULT_CAPACITY = 10_000;
    /** Default longest time an entry is served without reading the database again. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(60);

    public AccountCache(int capacity, Duration ttl, Clock clock) {
        super(capacity, ttl, clock);
    }

    /** A cache that is never told it is listening: every read goes to the database. */
    public static AccountCache none() {
        return new AccountCache(1, Duration.ofMillis(1), Clock.systemUTC());
    }
}
