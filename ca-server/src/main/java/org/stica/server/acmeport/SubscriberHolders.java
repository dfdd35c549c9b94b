package org.stica.server.acmeport;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.stica.acme.store.pg.ChangeListener;
import org.stica.acme.store.pg.NotifiedCache;
import org.stica.server.acmeport.RegistrySubscriberCheck.Holder;
import org.stica.server.acmeport.RegistrySubscriberCheck.Holders;

/**
 * Who holds an SPC, cached while this instance LISTENs for {@value #CHANNEL} (issue 18): the
 * registry's trigger notifies every change to {@code subscriber} or {@code subscriber_spc},
 * whoever the writer, and every instance then forgets everything it cached. So newOrder and
 * finalize, which both ask, cost no subscriber SELECT, while a suspension, termination, renaming
 * or moved SPC applies on every instance as soon as the notification arrives (milliseconds after
 * the change commits). While the LISTEN connection is down, and for an SPC nobody holds, every
 * request reads the registry, as before; entries also expire after {@link #TTL}.
 */
public final class SubscriberHolders implements Holders {
    /** The registry trigger's notification channel. */
    public static final String CHANNEL = "subscriber_changed";
    static final int CAPACITY = 10_000;
    static final Duration TTL = Duration.ofSeconds(60);
    private static final Duration RELISTEN_DELAY = Duration.ofSeconds(1);

    private final Holders registry;
    private final NotifiedCache<Holder> cache;
    private final ChangeListener listener;

    /** @param database the registry's database, for the LISTEN connection */
    public SubscriberHolders(Vertx vertx, PgConnectOptions database, Holders registry,
                             Clock clock) {
        this.registry = registry;
        this.cache = new NotifiedCache<>(CAPACITY, TTL, clock);
        this.listener = new ChangeListener(vertx, database, CHANNEL, cache,
                changed -> cache.invalidateAll(), "subscribers", RELISTEN_DELAY);
    }

    /** Starts listening; until the LISTEN is in place every lookup reads the registry. */
    public SubscriberHolders start() {
        listener.start();
        return this;
    }

    @Override
    public Future<Optional<Holder>> bySpc(String spc) {
        return cache.get(spc, registry::bySpc);
    }

    /** Forgets everything cached: this instance changed the registry. */
    public void invalidateAll() {
        cache.invalidateAll();
    }

    /** Whether lookups may be served from the cache (tests). */
    boolean isListening() {
        return cache.isListening();
    }

    /** Stops listening; lookups read the registry from then on. */
    public Future<Void> close() {
        return listener.close();
    }
}
