package org.stica.server.issuance;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stica.acme.port.DependencyUnavailableException;
import org.stica.acme.port.IssuanceOutcomeUnknownException;
import org.stica.acme.port.StatementPart;
import org.stica.acme.store.pg.TransientFailures;
import org.stica.server.audit.AuditOutbox;
import org.stica.server.store.pg.PgCertificateStore;
import org.stica.server.store.pg.PgCertificateStore.Recorded;
import org.stica.server.store.pg.PgCertificateStore.ReserveOutcome;

/**
 * The durable record of each issuance (ARCHITECTURE.md §5 item 1, issue 14): the reservation
 * (serial and TBS hash, the intent, committed before the HSM is asked), then exactly one
 * outcome, each written with its audit event in one statement: {@code issued} with the DER and
 * {@code certificate.issued}, or {@code abandoned} with {@code certificate.reservation-abandoned}.
 *
 * <p>Recording a signed certificate is tried again while the database is away, for up to
 * {@link #RECORD_RETRY}: a certificate the HSM signed is not given up for a restart. A try that
 * committed without its answer arriving is recognised by the row holding this DER. Past the
 * budget the outcome is unknown ({@link IssuanceOutcomeUnknownException}): the reservation stays
 * for {@link ReservationRecovery} to resolve, and the certificate is never delivered.
 */
public final class IssuanceLedger {
    private static final Logger LOG = LoggerFactory.getLogger(IssuanceLedger.class);
    /** How long a signed certificate's record is tried while the database is away. */
    public static final Duration RECORD_RETRY = Duration.ofSeconds(20);

    private final PgCertificateStore store;
    private final AuditOutbox outbox;
    private final Clock clock;

    public IssuanceLedger(PgCertificateStore store, AuditOutbox outbox, Clock clock) {
        this.store = store;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Reserves the serial; an unreachable database is {@link DependencyUnavailableException}. */
    public Future<ReserveOutcome> reserve(CertificateReservation reservation) {
        return store.reserve(reservation).recover(IssuanceLedger::unavailable);
    }

    /**
     * Records the signed certificate with its audit event, and the ACME side's record of its
     * order ({@code order}) in the same statement (issue 18), then chains the event (a failed
     * chaining is left to the next outbox drain: the event is already durable). True when the
     * order was recorded; false when it was no longer processing, or when a try committed
     * without its answer arriving (the order's own store then recognises its certificate,
     * {@code PgOrderStore#recordIssued}). Fails with {@link IllegalStateException} when the
     * reservation was resolved otherwise (abandoned: the certificate must not be delivered) and
     * {@link IssuanceOutcomeUnknownException} when the database stayed away.
     */
    public Future<Boolean> recordIssued(String serialHex, byte[] der, OutboxEvent event,
                                        Optional<StatementPart> order) {
        return store.recordIssued(serialHex, der, event, order)
                .recover(first -> TransientFailures.isTransient(first)
                        ? TransientFailures.retry(() -> store.recordIssued(serialHex, der, event,
                                        order)
                                .compose(recorded -> recorded != Recorded.NOTHING
                                        ? Future.succeededFuture(recorded)
                                        : committedUnseen(serialHex, der)), RECORD_RETRY)
                        : Future.failedFuture(first))
                .recover(failure -> Future.failedFuture(TransientFailures.isTransient(failure)
                        ? new IssuanceOutcomeUnknownException("certificate " + serialHex
                        + " was signed but its record could not be confirmed", failure)
                        : failure))
                .compose(recorded -> recorded != Recorded.NOTHING
                        ? drained().map(recorded == Recorded.CERTIFICATE_AND_ORDER)
                        : Future.failedFuture(new IllegalStateException("certificate "
                                + serialHex + " is no longer reserved; it is not delivered")));
    }

    /**
     * Resolves a reservation whose certificate will not be delivered (the HSM failed, the
     * signed TBS differed) as abandoned, audited. Best effort: if the database is away the
     * reservation stays and {@link ReservationRecovery} resolves it later.
     */
    public Future<Void> abandon(String serialHex, String reason) {
        return store.abandon(serialHex, reason, clock.instant())
                .compose(abandoned -> drained())
                .onFailure(e -> LOG.warn("reservation {} left for recovery: {}", serialHex,
                        e.toString()))
                .otherwiseEmpty().mapEmpty();
    }

    /**
     * {@link Recorded#CERTIFICATE} when an earlier try stored this very DER (its answer was lost
     * with the connection; whether it recorded the order is left to the order's store).
     */
    private Future<Recorded> committedUnseen(String serialHex, byte[] der) {
        return store.find(serialHex).map(found -> found
                .filter(record -> record.status().recorded())
                .flatMap(CertificateRecord::der)
                .filter(stored -> Arrays.equals(stored, der))
                .map(stored -> Recorded.CERTIFICATE)
                .orElse(Recorded.NOTHING));
    }

    private Future<Void> drained() {
        return outbox.drain().otherwiseEmpty();
    }

    private static <T> Future<T> unavailable(Throwable failure) {
        return Future.failedFuture(TransientFailures.isTransient(failure)
                ? new DependencyUnavailableException("database", failure) : failure);
    }
}
