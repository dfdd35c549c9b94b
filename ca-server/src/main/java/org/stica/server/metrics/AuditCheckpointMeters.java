package org.stica.server.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.stica.server.audit.AuditCheckpointer;

/**
 * The audit chain's signed checkpoints as the {@link AuditCheckpointer} last saw them (once a
 * minute): age of the newest checkpoint and records appended after it. A chain that moved but
 * stays unsigned (records after the checkpoint, checkpoint older than a few periods) means
 * checkpoints fail, e.g. the HSM key is unusable. NaN before the first look.
 */
final class AuditCheckpointMeters {
    private AuditCheckpointMeters() {
    }

    static void watch(MeterRegistry registry, AuditCheckpointer checkpointer, Clock clock) {
        Gauge.builder("stica.audit.checkpoint.age", checkpointer, c -> c.status()
                        .flatMap(AuditCheckpointer.Status::checkpointAt)
                        .map(at -> Duration.between(at, clock.instant()).toMillis() / 1000.0)
                        .orElse(Double.NaN))
                .description("Time since the newest signed audit checkpoint")
                .baseUnit("seconds").strongReference(true).register(registry);
        Gauge.builder("stica.audit.unsigned.events", checkpointer, c -> c.status()
                        .map(status -> (double) status.unsigned()).orElse(Double.NaN))
                .description("Audit records appended after the newest signed checkpoint")
                .strongReference(true).register(registry);
    }
}
