package org.stica.server.lifecycle;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work in flight that a SIGTERM must let finish (ARCHITECTURE.md §5 invariant 5): HTTP
 * requests on the public and admin ports, audit appends. {@link #drain} marks the server
 * draining (the HTTP gates then refuse new ACME and admin changes) and completes when nothing is
 * left in flight, or when the bound passes, logging what was still running. Thread-safe: the
 * public port is served from several event loops.
 */
public final class InFlight {
    private static final Logger LOG = LoggerFactory.getLogger(InFlight.class);

    /** One piece of work; {@link #end()} is idempotent. */
    public interface Ticket {
        void end();
    }

    private final Vertx vertx;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, String> open = new ConcurrentHashMap<>();
    private final Promise<Void> drained = Promise.promise();
    private volatile boolean draining;

    public InFlight(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Counts {@code what} (e.g. {@code "POST /acme/order/1/finalize"}) until its ticket ends. */
    public Ticket begin(String what) {
        long id = ids.incrementAndGet();
        open.put(id, what);
        return () -> finished(id);
    }

    /** Whether {@link #drain} was called: new work should be refused. */
    public boolean draining() {
        return draining;
    }

    /** How many pieces of work are in flight. */
    public int count() {
        return open.size();
    }

    /**
     * Stops admitting new work and waits for the work in flight, at most {@code bound}. Always
     * succeeds; calling it again returns the same future (the first bound holds).
     */
    public synchronized Future<Void> drain(Duration bound) {
        if (draining) {
            return drained.future();
        }
        draining = true;
        LOG.info("draining: {} requests in flight (waiting at most {} s)", open.size(),
                seconds(bound));
        if (open.isEmpty()) {
            drained.tryComplete();
        } else if (bound.toMillis() < 1) {
            boundPassed(bound);
        } else {
            long timer = vertx.setTimer(bound.toMillis(), id -> boundPassed(bound));
            drained.future().onComplete(done -> vertx.cancelTimer(timer));
        }
        return drained.future();
    }

    private void finished(long id) {
        if (open.remove(id) != null && draining && open.isEmpty()) {
            drained.tryComplete();
        }
    }

    private void boundPassed(Duration bound) {
        List<String> still = List.copyOf(open.values());
        if (drained.tryComplete() && !still.isEmpty()) {
            LOG.warn("drain bound of {} s passed with {} still in flight, closing anyway: {}",
                    seconds(bound), still.size(), still);
        }
    }

    private static String seconds(Duration bound) {
        return bound.toMillis() % 1000 == 0 ? Long.toString(bound.toSeconds())
                : Double.toString(bound.toMillis() / 1000.0);
    }
}
