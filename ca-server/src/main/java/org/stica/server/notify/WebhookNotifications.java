package org.stica.server.notify;

import io.vertx.core.Future;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SubscriberNotifications} over the webhook tables: one INSERT into
 * {@code webhook_delivery} when the subscriber has a webhook, nothing otherwise. A failure is
 * logged here (event type and subscriber; the body carries no secret) and returned, so callers
 * may ignore it.
 */
public final class WebhookNotifications implements SubscriberNotifications {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookNotifications.class);

    private final WebhookStore store;
    private final Clock clock;

    public WebhookNotifications(WebhookStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Future<Void> enqueue(String subscriberId, NotificationEvent event) {
        NewDelivery delivery = NewDelivery.of(subscriberId, event, clock.instant());
        return store.enqueue(delivery)
                .onFailure(e -> LOG.warn("webhook event {} for subscriber {} not queued: {}",
                        event.type().wireName(), subscriberId, e.getMessage()))
                .mapEmpty();
    }
}
