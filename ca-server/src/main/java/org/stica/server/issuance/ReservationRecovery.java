package org.stica.server.issuance;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stica.server.audit.AuditOutbox;
import org.stica.server.store.pg.PgCertificateStore;

/**
 * Resolves what a crash or a lost database left of issuances (ARCHITECTURE.md §5 item 1,
 * issue 14 invariant 1): a serial still {@code reserved} longer than one issuance can take
 * ({@code stuckAfter}: the HSM timeout plus {@link IssuanceLedger#RECORD_RETRY}, with margin)
 * belongs to an issuance whose instance died or gave up; its certificate was never delivered,
 * so it becomes {@code abandoned} with a {@code certificate.reservation-abandoned} audit event,
 * never reused and never served. Then the audit outbox is drained, so an event whose chaining
 * was interrupted reaches the chain. Runs on every instance: the statements take different
 * rows ({@code SKIP LOCKED}) and are conditional.
 */
public final class ReservationRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(ReservationRecovery.class);
    static final int BATCH = 100;
    static final String REASON = "the issuance was interrupted (instance stopped or database"
            + " unavailable) before its certificate was recorded; it was never delivered";

    private final Vertx vertx;
    private final PgCertificateStore store;
    private final AuditOutbox outbox;
    private final Duration stuckAfter;
    private final Clock clock;
    private long timer = -1;

    public ReservationRecovery(Vertx vertx, PgCertificateStore store, AuditOutbox outbox,
                               Duration stuckAfter, Clock clock) {
        this.vertx = vertx;
        this.store = store;
        this.outbox = outbox;
        this.stuckAfter = stuckAfter;
        this.clock = clock;
    }

    /** Recovers now and then every {@code period}. */
    public void start(Duration period) {
        recoverLogged();
        timer = vertx.setPeriodic(period.toMillis(), id -> recoverLogged());
    }

    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Abandons the stale reservations (batch after batch), then drains the outbox. */
    public Future<Integer> recover() {
        return abandonStale(0).compose(abandoned -> outbox.drain().map(abandoned));
    }

    private Future<Integer> abandonStale(int sofar) {
        return store.abandonStale(stuckAfter, BATCH, REASON, clock.instant())
                .compose(serials -> {
                    logAbandoned(serials);
                    return serials.size() == BATCH ? abandonStale(sofar + BATCH)
                            : Future.succeededFuture(sofar + serials.size());
                });
    }

    private static void logAbandoned(List<String> serials) {
        if (!serials.isEmpty()) {
            LOG.warn("abandoned {} reservation(s) whose certificate was never recorded: {}",
                    serials.size(), serials);
        }
    }

    private void recoverLogged() {
        recover().onFailure(e -> LOG.warn("issuance recovery failed (retried in the next"
                + " period): {}", e.toString()));
    }
}
