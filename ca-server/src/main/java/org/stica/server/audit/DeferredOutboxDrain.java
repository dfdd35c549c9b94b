package org.stica.server.audit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox drain of the issuance path (issue 18): an issuance's audit event is already durable
 * in {@code audit_outbox}, written in the statement that records the certificate, so the answer
 * to the carrier does not wait for it to be chained. The drain runs {@code linger} after the
 * first request that found none scheduled and takes every event that arrived meanwhile: under
 * load one drain transaction (four statements) serves several issuances instead of one each.
 * A drain that fails, or an instance that stops before its timer fires, leaves the events in
 * the outbox for the next drain (the next issuance on any instance, or
 * {@link org.stica.server.issuance.ReservationRecovery}'s periodic one).
 */
public final class DeferredOutboxDrain implements AuditOutbox {
    /** How long a drain waits to gather events (README "Performance"). */
    public static final Duration LINGER = Duration.ofMillis(100);
    private static final Logger LOG = LoggerFactory.getLogger(DeferredOutboxDrain.class);

    private final Vertx vertx;
    private final AuditOutbox outbox;
    private final long lingerMillis;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicLong timer = new AtomicLong(-1);

    public DeferredOutboxDrain(Vertx vertx, AuditOutbox outbox, Duration linger) {
        if (linger.toMillis() < 1) {
            throw new IllegalArgumentException("linger must be at least 1 ms");
        }
        this.vertx = vertx;
        this.outbox = outbox;
        this.lingerMillis = linger.toMillis();
    }

    /** Schedules a drain unless one is already scheduled; completes at once. */
    @Override
    public Future<Void> drain() {
        if (scheduled.compareAndSet(false, true)) {
            timer.set(vertx.setTimer(lingerMillis, id -> {
                scheduled.set(false);  // events recorded from now on need the next drain
                outbox.drain().onFailure(e -> LOG.warn("audit outbox drain failed, the events"
                        + " wait for the next one: {}", e.toString()));
            }));
        }
        return Future.succeededFuture();
    }

    /**
     * Drains now, without waiting for a scheduled drain's timer (cancelled): for a server that
     * stops, once its requests are answered, so a graceful stop leaves the outbox empty
     * (issue 14's SIGTERM invariant). Completes when the drain has.
     */
    public Future<Void> flush() {
        if (scheduled.getAndSet(false)) {
            vertx.cancelTimer(timer.get());
        }
        return outbox.drain();
    }
}
