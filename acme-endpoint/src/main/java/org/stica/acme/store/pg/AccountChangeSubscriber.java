package org.stica.acme.store.pg;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an {@link AccountCache} honest across server instances: LISTENs on
 * {@value #CHANNEL} (sent by the {@code acme_account} trigger on every update or delete, whoever
 * the writer) and evicts the changed id, so a deactivation or key change (RFC 8555 §7.3.5-§7.3.6)
 * made on any instance applies on this one too. The cache is marked listening only once the
 * LISTEN is in place and not listening as soon as the connection is lost; PgSubscriber then
 * reconnects after {@code reconnectDelay}, for as long as this subscriber is open.
 */
public final class AccountChangeSubscriber {
    /** The notification channel; the payload is the account id. */
    public static final String CHANNEL = "acme_account_changed";
    private static final Logger LOG = LoggerFactory.getLogger(AccountChangeSubscriber.class);

    private final Vertx vertx;
    private final PgSubscriber subscriber;
    private final AccountCache cache;
    private final Duration reconnectDelay;
    private volatile boolean closed;
    private volatile long retryTimer = -1;

    public AccountChangeSubscriber(Vertx vertx, PgConnectOptions database, AccountCache cache,
                                   Duration reconnectDelay) {
        this.vertx = vertx;
        this.cache = cache;
        this.reconnectDelay = reconnectDelay;
        this.subscriber = PgSubscriber.subscriber(vertx, database);
        // asked on every lost connection and every failed reconnect attempt
        subscriber.reconnectPolicy(attempt -> {
            cache.notListening();
            return reconnectDelay.toMillis();
        });
        subscriber.closeHandler(v -> cache.notListening());
        subscriber.channel(CHANNEL)
                .subscribeHandler(v -> listening())
                .handler(cache::invalidate);
    }

    private void listening() {
        if (!closed) {
            cache.listening();
        }
    }

    /** Connects and LISTENs; until that succeeds the cache is bypassed. */
    public void start() {
        connect();
    }

    private void connect() {
        if (closed) {
            return;
        }
        subscriber.connect().onFailure(failure -> {
            LOG.warn("cannot listen for account changes, reading accounts from the database"
                    + " until it works: {}", failure.getMessage());
            // a failed first connect is not retried by PgSubscriber: close it and start again
            subscriber.close().onComplete(done -> retryLater());
        });
    }

    private void retryLater() {
        if (!closed) {
            retryTimer = vertx.setTimer(Math.max(1, reconnectDelay.toMillis()), id -> connect());
        }
    }

    /** Stops listening; the cache is bypassed from now on. */
    public Future<Void> close() {
        closed = true;
        if (retryTimer >= 0) {
            vertx.cancelTimer(retryTimer);
        }
        cache.notListening();
        return subscriber.close();
    }
}
