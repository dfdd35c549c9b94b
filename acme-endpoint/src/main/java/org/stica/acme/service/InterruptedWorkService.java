package org.stica.acme.service;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stica.acme.model.CertificateRecord;
import org.stica.acme.model.ChallengeStatus;
import org.stica.acme.model.OrderStatus;
import org.stica.acme.model.RandomIds;
import org.stica.acme.port.AcmeActivity;
import org.stica.acme.port.IssuanceOutcome;
import org.stica.acme.port.IssuanceRecords;
import org.stica.acme.port.IssuedCertificate;
import org.stica.acme.store.pg.PgOrderStore;
import org.stica.acme.store.pg.StuckWorkSweeper;
import org.stica.acme.store.pg.StuckWorkSweeper.StuckOrder;

/**
 * Settles ACME work that a crash or an unavailable database interrupted (issue 14 invariant 2;
 * ARCHITECTURE.md §5 item 2): stuck challenges become invalid ({@link StuckWorkSweeper}), and
 * each order stuck at {@code processing} takes the state the CA's records give it
 * ({@link IssuanceRecords}): {@code valid} with its certificate (downloadable) when one was
 * issued, {@code invalid} with a problem that says why no certificate exists when none was,
 * and left for the next sweep while its serial is still reserved. Never "no certificate was
 * issued" for an order whose certificate exists. Runs on every instance; every write is
 * conditional on the order still processing. What a sweep settled is counted as the requests
 * count theirs ({@link AcmeActivity}), so the outcome counters include the work a crash left,
 * and a certificate whose order only a sweep made valid is counted as issued then.
 */
public final class InterruptedWorkService {
    private static final Logger LOG = LoggerFactory.getLogger(InterruptedWorkService.class);
    /** Orders settled per sweep at most (the next sweep takes the rest). */
    static final int ORDERS_PER_SWEEP = 100;

    private final Vertx vertx;
    private final StuckWorkSweeper stuck;
    private final PgOrderStore orders;
    private final IssuanceRecords records;
    private final Clock clock;
    private final AcmeActivity activity;
    private long timer = -1;

    public InterruptedWorkService(Vertx vertx, StuckWorkSweeper stuck, PgOrderStore orders,
                                  IssuanceRecords records, Clock clock) {
        this(vertx, stuck, orders, records, clock, AcmeActivity.NONE);
    }

    private InterruptedWorkService(Vertx vertx, StuckWorkSweeper stuck, PgOrderStore orders,
                                   IssuanceRecords records, Clock clock, AcmeActivity activity) {
        this.vertx = vertx;
        this.stuck = stuck;
        this.orders = orders;
        this.records = records;
        this.clock = clock;
        this.activity = activity;
    }

    /** This service, telling {@code activity} the challenges and orders each sweep settles. */
    public InterruptedWorkService reportingTo(AcmeActivity activity) {
        return new InterruptedWorkService(vertx, stuck, orders, records, clock, activity);
    }

    /**
     * What one sweep settled: challenges closed, orders made valid, orders made invalid (those of
     * the closed challenges and those processing without a certificate).
     */
    public record Swept(int challenges, int validOrders, int invalidOrders) {
        int total() {
            return challenges + validOrders + invalidOrders;
        }

        void reportTo(AcmeActivity activity) {
            for (int i = 0; i < challenges; i++) {
                activity.challengeFinished(ChallengeStatus.INVALID);
            }
            for (int i = 0; i < validOrders; i++) {
                activity.orderFinished(OrderStatus.VALID);
            }
            for (int i = 0; i < invalidOrders; i++) {
                activity.orderFinished(OrderStatus.INVALID);
            }
        }
    }

    /** Sweeps now and then every {@code period}. */
    public void start(Duration period) {
        sweepLogged();
        timer = vertx.setPeriodic(period.toMillis(), id -> sweepLogged());
    }

    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Closes stuck challenges, then settles stuck orders from the CA's records. */
    public Future<Swept> sweep() {
        return stuck.closeChallenges().compose(closed -> stuck.stuckOrders(ORDERS_PER_SWEEP)
                .compose(this::settleAll)
                .map(settled -> new Swept(closed.challenges(),
                        (int) settled.stream().filter(s -> s == IssuanceOutcome.State.ISSUED)
                                .count(),
                        closed.orders() + (int) settled.stream()
                                .filter(s -> s == IssuanceOutcome.State.NOT_ISSUED).count())))
                .onSuccess(swept -> swept.reportTo(activity));
    }

    private void sweepLogged() {
        sweep().onSuccess(swept -> {
            if (swept.total() > 0) {
                LOG.warn("settled interrupted ACME work: {} challenge(s) closed, {} order(s)"
                        + " valid with the certificate the CA issued, {} order(s) invalid"
                        + " (challenge interrupted, or no certificate issued)",
                        swept.challenges(), swept.validOrders(),
                        swept.invalidOrders());
            }
        }).onFailure(e -> LOG.warn("settling interrupted ACME work failed: {}", e.toString()));
    }

    /** One order after the other (a handful at most after a crash); each one's outcome. */
    private Future<List<IssuanceOutcome.State>> settleAll(List<StuckOrder> stuckOrders) {
        List<IssuanceOutcome.State> settled = new ArrayList<>();
        Future<Void> chain = Future.succeededFuture();
        for (StuckOrder order : stuckOrders) {
            chain = chain.compose(v -> settle(order).map(state -> {
                settled.add(state);
                return null;
            }));
        }
        return chain.map(settled);
    }

    private Future<IssuanceOutcome.State> settle(StuckOrder order) {
        return records.outcomeOf(order.id()).compose(outcome -> switch (outcome.state()) {
            // counted as finalize counts it: when this call made the order valid; not moved
            // (another instance settled it first, and counts it), the sweep goes on
            case ISSUED -> orders.recordIssued(record(order, outcome.certificate().orElseThrow()))
                    .onSuccess(valid -> activity.certificateIssued(order.profile()))
                    .map(IssuanceOutcome.State.ISSUED)
                    .recover(failure -> failure instanceof IllegalStateException
                            ? Future.succeededFuture(IssuanceOutcome.State.PENDING)
                            : Future.failedFuture(failure));
            case NOT_ISSUED -> orders.recordFailed(order.id(), StuckWorkSweeper.problem(
                            "the finalization of this order was interrupted and no certificate"
                                    + " was issued (" + outcome.detail() + "); create a new"
                                    + " order to try again"))
                    // not moved: another instance settled it first, and counts it
                    .map(moved -> moved ? IssuanceOutcome.State.NOT_ISSUED
                            : IssuanceOutcome.State.PENDING);
            case PENDING -> Future.succeededFuture(IssuanceOutcome.State.PENDING);
        });
    }

    private CertificateRecord record(StuckOrder order, IssuedCertificate issued) {
        return new CertificateRecord(RandomIds.next(), order.id(), order.accountId(),
                issued.serialHex(), PemChain.encode(issued.chain()), issued.x5u().toString(),
                clock.instant());
    }
}
