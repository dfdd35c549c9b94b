package org.stica.server.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.function.Supplier;
import org.stica.server.audit.AuditEvent;
import org.stica.server.audit.AuditLog;

/**
 * The audit log with its append lag measured ({@code stica_audit_append_seconds}): from the call
 * to the committed record, the wait behind the appends in flight (group commit) included, by
 * source ({@code direct} appends, {@code outbox} drains) and outcome.
 */
final class TimedAuditLog implements AuditLog {
    private static final Duration[] BUCKETS = MeterRegistries.millis(1, 2, 5, 10, 25, 50, 100,
            250, 500, 1000, 2500, 5000);

    private final AuditLog log;
    private final Outcomes direct;
    private final Outcomes outbox;

    /** The two timers of one source. */
    private record Outcomes(Timer ok, Timer failed) {
        static Outcomes of(MeterRegistry registry, String source) {
            return new Outcomes(timer(registry, source, "ok"), timer(registry, source, "error"));
        }

        private static Timer timer(MeterRegistry registry, String source, String outcome) {
            return Timer.builder("stica.audit.append")
                    .description("Audit appends, from the call to the committed record")
                    .tag("source", source).tag("outcome", outcome)
                    .serviceLevelObjectives(BUCKETS).register(registry);
        }
    }

    TimedAuditLog(AuditLog log, MeterRegistry registry) {
        this.log = log;
        this.direct = Outcomes.of(registry, "direct");
        this.outbox = Outcomes.of(registry, "outbox");
    }

    @Override
    public Future<Void> record(AuditEvent event) {
        return timed(direct, () -> log.record(event));
    }

    @Override
    public Future<Void> drainOutbox() {
        return timed(outbox, log::drainOutbox);
    }

    private static Future<Void> timed(Outcomes timers, Supplier<Future<Void>> append) {
        long started = System.nanoTime();
        return append.get().andThen(done -> (done.succeeded() ? timers.ok() : timers.failed())
                .record(Duration.ofNanos(System.nanoTime() - started)));
    }
}
