package org.stica.server.audit;

import io.vertx.core.Future;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Records a decision before it is returned (STANDARDS.md §4.5 item 3). A success is returned only
 * once its event is committed; if that record fails, the caller gets the audit failure (nothing
 * is answered as done that the log does not show) and the log is NOT told the decision was a
 * refusal — it was not. A refusal is recorded and then returned unchanged, whether or not the
 * record succeeded (a refusal changes nothing, so failing closed needs no audit write).
 */
final class AuditedOutcome {
    private AuditedOutcome() {
    }

    /**
     * Records only a refusal: for decisions whose success records its own event atomically with
     * the state it changes (the outbox, ARCHITECTURE.md §5 item 1). A failure that
     * {@code notARefusal} accepts (the outcome is not known yet) is returned unrecorded.
     */
    static <T> Future<T> refusalRecorded(Future<T> outcome, AuditLog audit,
                                         Predicate<Throwable> notARefusal,
                                         Function<Throwable, AuditEvent> refused) {
        return outcome.transform(result -> result.succeeded() || notARefusal.test(result.cause())
                ? (result.succeeded() ? Future.succeededFuture(result.result())
                        : Future.failedFuture(result.cause()))
                : audit.record(refused.apply(result.cause()))
                        .transform(recorded -> Future.failedFuture(result.cause())));
    }

    static <T> Future<T> recorded(Future<T> outcome, AuditLog audit,
                                  Function<T, AuditEvent> done,
                                  Function<Throwable, AuditEvent> refused) {
        return outcome.transform(result -> result.succeeded()
                ? audit.record(done.apply(result.result())).map(result.result())
                : audit.record(refused.apply(result.cause()))
                        .transform(recorded -> Future.failedFuture(result.cause())));
    }
}
