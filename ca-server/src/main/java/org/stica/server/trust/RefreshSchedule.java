package org.stica.server.trust;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a trust refresh now and then every {@code period}; after a failure it retries sooner,
 * first after {@link #FIRST_RETRY} and doubling up to {@code min(period, 10 min)} (STANDARDS.md
 * §4.2 item 6: keep the last good copy, retry on error). A failed first fetch at start-up, e.g.
 * a server in STI-PA role fetching its own CRL before its public port answers, is thus repaired
 * within seconds instead of leaving trust stale for a whole period.
 */
final class RefreshSchedule {
    private static final Logger LOG = LoggerFactory.getLogger(RefreshSchedule.class);
    static final Duration FIRST_RETRY = Duration.ofSeconds(2);
    private static final Duration MAX_RETRY = Duration.ofMinutes(10);

    private final Vertx vertx;
    private final String what;
    private final Supplier<Future<?>> refresh;
    private final Duration period;
    private final Duration maxRetry;
    private final Duration firstRetry;
    private Duration nextRetry;
    private long timer = -1;
    private boolean stopped;

    RefreshSchedule(Vertx vertx, String what, Supplier<Future<?>> refresh, Duration period) {
        this(vertx, what, refresh, period, FIRST_RETRY);
    }

    RefreshSchedule(Vertx vertx, String what, Supplier<Future<?>> refresh, Duration period,
                    Duration firstRetry) {
        this.firstRetry = firstRetry;
        this.nextRetry = firstRetry;
        this.vertx = vertx;
        this.what = what;
        this.refresh = refresh;
        this.period = period;
        this.maxRetry = period.compareTo(MAX_RETRY) < 0 ? period : MAX_RETRY;
    }

    void start() {
        run();
    }

    void stop() {
        stopped = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void run() {
        refresh.get().onComplete(done -> {
            Duration delay;
            if (done.succeeded()) {
                nextRetry = firstRetry;
                delay = period;
            } else {
                LOG.warn("{} refresh failed (retrying in {} s): {}", what,
                        nextRetry.toSeconds(), done.cause().getMessage());
                delay = nextRetry;
                Duration doubled = nextRetry.multipliedBy(2);
                nextRetry = doubled.compareTo(maxRetry) < 0 ? doubled : maxRetry;
            }
            if (!stopped) {
                timer = vertx.setTimer(Math.max(1, delay.toMillis()), id -> run());
            }
        });
    }
}
