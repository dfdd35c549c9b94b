package org.stica.server.notify;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** The webhook tables: endpoints, the delivery queue and log ({@code PgWebhookStore}). */
public interface WebhookStore {
    /**
     * Registers {@code webhook} with {@code secret}, replacing (rotating) an existing one.
     * Completes with {@code true} when it was new.
     */
    Future<Boolean> register(Webhook webhook, String secret);

    Future<Optional<Webhook>> find(String subscriberId);

    /**
     * Removes the subscriber's webhook; its pending deliveries become {@code failed}
     * ("webhook removed") in the same transaction. {@code false} when there was none.
     */
    Future<Boolean> remove(String subscriberId, Instant at);

    /** Queues the delivery if its subscriber has a webhook; {@code true} when queued. */
    Future<Boolean> enqueue(NewDelivery delivery);

    /**
     * Claims at most {@code limit} pending deliveries due at {@code now} whose lease (if any)
     * ran out: each gets {@code leaseUntil}, {@code leaseToken} and one more attempt. Rows
     * another instance is claiming at the same moment are skipped ({@code SKIP LOCKED}).
     */
    Future<List<ClaimedDelivery>> claim(Instant now, Instant leaseUntil, String leaseToken,
                                        int limit);

    /** Records a 2xx answer; {@code false} when the lease was lost to another instance. */
    Future<Boolean> recordDelivered(ClaimedDelivery delivery, int httpStatus, Instant at);

    /**
     * Records a failed attempt: pending again at {@code retryAt}, or {@code failed} when empty.
     * {@code false} when the lease was lost to another instance.
     */
    Future<Boolean> recordFailed(ClaimedDelivery delivery, OptionalInt httpStatus, String error,
                                 Optional<Instant> retryAt);

    /** The subscriber's delivery log, newest first, before the {@code before} cursor. */
    Future<List<Delivery>> deliveries(String subscriberId, Optional<DeliveryStatus> status,
                                      Optional<Long> before, int limit);

    Future<Optional<Delivery>> delivery(String id);

    /**
     * Makes a {@code delivered} or {@code failed} delivery pending again at {@code now} with its
     * attempts reset, if its subscriber still has a webhook; empty otherwise.
     */
    Future<Optional<Delivery>> redeliver(String id, Instant now);
}
