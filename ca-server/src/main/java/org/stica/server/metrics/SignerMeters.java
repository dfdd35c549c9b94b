package org.stica.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.stica.hsm.KeyVaultException;
import org.stica.hsm.SignerObserver;
import org.stica.hsm.SignerPool;

/**
 * HSM signing through the {@link SignerPool}: operation latency by outcome (a histogram from
 * 1 ms to 10 s, the wait for a session included), errors by {@link KeyVaultException.Kind}
 * ({@code unavailable} covers timeouts and a hung token), and, once {@link #watch} is called,
 * the operations in flight and those waiting for a session.
 */
final class SignerMeters implements SignerObserver {
    private static final Duration[] BUCKETS = MeterRegistries.millis(1, 2, 5, 10, 25, 50, 100,
            250, 500, 1000, 2500, 5000, 10_000);
    private static final String OTHER = "other";

    private final MeterRegistry registry;
    private final Timer succeeded;
    private final Timer failed;
    private final AtomicReferenceArray<Counter> errorsByKind =
            new AtomicReferenceArray<>(KeyVaultException.Kind.values().length);
    private final Counter otherErrors;

    SignerMeters(MeterRegistry registry) {
        this.registry = registry;
        this.succeeded = timer(registry, "ok");
        this.failed = timer(registry, "error");
        this.otherErrors = errors(OTHER);
    }

    private static Timer timer(MeterRegistry registry, String outcome) {
        return Timer.builder("stica.hsm.sign")
                .description("HSM operations through the signer pool, from request to outcome")
                .tag("outcome", outcome).serviceLevelObjectives(BUCKETS).register(registry);
    }

    @Override
    public void ended(long nanos, Optional<Throwable> failure) {
        if (failure.isEmpty()) {
            succeeded.record(nanos, TimeUnit.NANOSECONDS);
            return;
        }
        failed.record(nanos, TimeUnit.NANOSECONDS);
        if (failure.get() instanceof KeyVaultException vault) {
            int kind = vault.kind().ordinal();
            Counter counter = errorsByKind.get(kind);
            if (counter == null) {
                counter = errors(vault.kind().name().toLowerCase(Locale.ROOT));
                errorsByKind.set(kind, counter);
            }
            counter.increment();
        } else {
            otherErrors.increment();
        }
    }

    /** Gauges of {@code pool}'s operations in flight and waiting for a session. */
    void watch(SignerPool pool) {
        Gauge.builder("stica.hsm.operations.in.flight", pool, SignerPool::inFlight)
                .description("HSM operations running on a session or waiting for one")
                .strongReference(true).register(registry);
        Gauge.builder("stica.hsm.operations.queued", pool,
                        p -> Math.max(0, p.inFlight() - p.maxSessions()))
                .description("HSM operations waiting for a free session")
                .strongReference(true).register(registry);
    }

    private Counter errors(String kind) {
        return Counter.builder("stica.hsm.sign.errors")
                .description("HSM operations that failed, by kind").tag("kind", kind)
                .register(registry);
    }
}
