package org.stica.server.token;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stica.policy.token.X5uPolicy;
import org.stica.server.store.pg.PgX5uPrefixStore;

/**
 * The x5u allow-list in force (RFC 9448 §6): the configured prefixes
 * ({@code pa.x5uAllowedPrefixes}, the seed) plus the entries administrators added
 * ({@code x5u_prefix}). Every instance reloads the table every {@code period} and after its own
 * changes, and swaps the union into the shared {@link X5uPolicy} the token validation and CA list
 * fetches consult. A failed reload keeps the last list and is logged.
 */
public final class X5uAllowList {
    private static final Logger LOG = LoggerFactory.getLogger(X5uAllowList.class);

    private final Vertx vertx;
    private final PgX5uPrefixStore store;
    private final List<String> seed;
    private final X5uPolicy policy;
    private volatile List<X5uPrefix> added = List.of();
    private long timer = -1;

    public X5uAllowList(Vertx vertx, PgX5uPrefixStore store, List<String> seed,
                        X5uPolicy policy) {
        this.vertx = vertx;
        this.store = store;
        this.seed = List.copyOf(seed);
        this.policy = policy;
    }

    /** Loads the table once, then every {@code period}. */
    public Future<Void> start(Duration period) {
        return reload().onSuccess(v -> timer = vertx.setPeriodic(period.toMillis(),
                id -> reload().onFailure(e -> LOG.warn("x5u allow-list reload failed; keeping"
                        + " the last list", e))));
    }

    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Reads the table and puts seed ∪ table into force. */
    public Future<Void> reload() {
        return store.all().map(entries -> {
            List<String> union = new ArrayList<>(seed);
            entries.forEach(e -> union.add(e.prefix()));
            policy.replacePrefixes(union);
            added = entries;
            return null;
        });
    }

    /** The configured prefixes (read-only here). */
    public List<String> seed() {
        return seed;
    }

    /** The entries added through the admin API, as last loaded. */
    public List<X5uPrefix> added() {
        return added;
    }

    /** The allow-list policy in force (seed ∪ table), as every x5u-style fetch consults it. */
    public X5uPolicy policy() {
        return policy;
    }

    public PgX5uPrefixStore store() {
        return store;
    }
}
