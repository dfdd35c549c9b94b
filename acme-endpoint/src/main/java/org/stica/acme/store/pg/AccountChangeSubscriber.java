package org.stica.acme.store.pg;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import java.time.Duration;

/**
 * Keeps an {@link AccountCache} honest across server instances: LISTENs on {@value #CHANNEL}
 * (sent by the {@code acme_account} trigger on every update or delete, whoever the writer) and
 * evicts the changed id, so a deactivation or key change (RFC 8555 §7.3.5-§7.3.6) made on any
 * instance applies on this one too (a {@link ChangeListener}).
 */
public final class AccountChangeSubscriber {
    /** The notification channel; the payload is the account id. */
    public static final String CHANNEL = "acme_account_changed";

    private final ChangeListener listener;

    public AccountChangeSubscriber(Vertx vertx, PgConnectOptions database, AccountCache cache,
                                   Duration reconnectDelay) {
        this.listener = new ChangeListener(vertx, database, CHANNEL, cache, cache::invalidate,
                "accounts", reconnectDelay);
    }

    /** Connects and LISTENs; until that succeeds the cache is bypassed. */
    public void start() {
        listener.start();
    }

    /** Stops listening; the cache is bypassed from now on. */
    public Future<Void> close() {
        return listener.close();
    }
}
