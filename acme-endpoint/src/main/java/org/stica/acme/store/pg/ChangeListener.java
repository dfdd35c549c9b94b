package org.stica.acme.store.pg;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link NotifiedCache} honest across server instances: LISTENs on a channel a trigger
 * notifies on every change, whoever the writer, and hands each payload to {@code onChange}
 * (which evicts what changed). The cache is marked listening only once the LISTEN is in place
 * and not listening as soon as the connection is lost; PgSubscriber then reconnects after
 * {@code reconnectDelay}, for as long as this listener is open.
 */
public final class ChangeListener {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeListener.class);

    private final Vertx vertx;
    private final PgSubscriber subscriber;
    private final NotifiedCache<?> cache;
    private final String what;
    private final Duration reconnectDelay;
    private volatile boolean closed;
    private volatile long retryTimer = -1;

    /** @param what what the cache holds, for the log ("accounts", "subscribers") */
    public ChangeListener(Vertx vertx, PgConnectOptions database, String channel,
                          NotifiedCache<?> cache, Consumer<String> onChange, String what,
                          Duration reconnectDelay) {
        this.vertx = vertx;
        this.cache = cache;
        this.what = what;
        this.reconnectDelay = reconnectDelay;
        this.subscriber = PgSubscriber.subscriber(vertx, database);
        // asked on every lost connection and every failed reconnect attempt
        subscriber.reconnectPolicy(attempt -> {
            cache.notListening();
            return reconnectDelay.toMillis();
        });
        subscriber.closeHandler(v -> cache.notListening());
        subscriber.channel(channel)
                .subscribeHandler(v -> listening())
                .handler(onChange::accept);
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
            LOG.warn("cannot listen for changes of {}, reading them from the database until it"
                    + " works: {}", what, failure.getMessage());
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
