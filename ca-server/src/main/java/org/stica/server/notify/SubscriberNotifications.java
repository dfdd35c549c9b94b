package org.stica.server.notify;

import io.vertx.core.Future;

/**
 * The port issuance, revocation and the subscriber registry call to tell a subscriber about an
 * event (issue 15). Call it after the business transaction committed and never let its outcome
 * change the business result: a failure is already logged by the implementation, so callers
 * compose with {@code .otherwiseEmpty()} or ignore the future.
 */
public interface SubscriberNotifications {
    /** Does nothing (a server without webhooks, tests). */
    SubscriberNotifications NONE = (subscriberId, event) -> Future.succeededFuture();

    /**
     * Queues {@code event} for {@code subscriberId}'s webhook, if it has one (one INSERT; the
     * dispatcher sends it). Completes when queued, or at once when there is no webhook.
     */
    Future<Void> enqueue(String subscriberId, NotificationEvent event);
}
