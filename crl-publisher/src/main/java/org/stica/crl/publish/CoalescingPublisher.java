package org.stica.crl.publish;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Coalesces publication requests (STANDARDS.md §6.2 item 3: reissue within minutes of any
 * revocation): the first request arms one timer of {@code delay}; requests arriving before it fires
 * join that publication. A zero delay publishes at once. The rebuild lists every revocation
 * committed before it starts, so no request is lost; a failed rebuild is logged and the scheduled
 * rebuild (before nextUpdate) lists the revocation later.
 */
public final class CoalescingPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(CoalescingPublisher.class);

    private final Vertx vertx;
    private final Duration delay;
    private final Supplier<Future<Void>> publish;
    private final AtomicBoolean armed = new AtomicBoolean();
    private volatile long timer = -1;
    private volatile boolean stopped;

    public CoalescingPublisher(Vertx vertx, Duration delay, Supplier<Future<Void>> publish) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.delay = Objects.requireNonNull(delay, "delay");
        this.publish = Objects.requireNonNull(publish, "publish");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative: " + delay);
        }
    }

    /**
     * Asks for a publication within the delay. With a zero delay the returned future completes
     * when the CRL is published; otherwise it completes at once.
     */
    public Future<Void> request() {
        if (delay.isZero()) {
            return publish.get();
        }
        if (!stopped && armed.compareAndSet(false, true)) {
            timer = vertx.setTimer(Math.max(1, delay.toMillis()), id -> fire());
        }
        return Future.succeededFuture();
    }

    /** True while a coalesced publication is waiting for its timer. */
    public boolean pending() {
        return armed.get();
    }

    /** Cancels a waiting publication (server stop); later requests are ignored. */
    public void stop() {
        stopped = true;
        long id = timer;
        if (id >= 0) {
            vertx.cancelTimer(id);
        }
    }

    private void fire() {
        armed.set(false);
        publish.get().onFailure(e -> LOG.error("coalesced CRL publication failed; the scheduled"
                + " rebuild will list the revocations", e));
    }
}
