package org.stica.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;
import org.stica.crl.publish.CrlPublicationListener;
import org.stica.crl.publish.CrlSnapshot;
import org.stica.crl.store.StoredCrl;

/**
 * The CRL this instance serves and the ones it builds (STANDARDS.md §6.2, §6.4): number,
 * entries, thisUpdate and nextUpdate (epoch seconds) and age of the CRL served; build duration
 * (1 s to 5 min), failed builds and the time of the last successful publication by this
 * instance. Hear of served CRLs with {@code crl.onServed(meters)} and of builds with
 * {@code crl.onPublished(meters)}. Before the first CRL the gauges read NaN.
 */
final class CrlMeters implements CrlPublicationListener, Consumer<CrlSnapshot> {
    private static final Duration[] BUCKETS = MeterRegistries.millis(100, 250, 500, 1000, 2500,
            5000, 10_000, 30_000, 60_000, 300_000);

    private final Clock clock;
    private final Timer builds;
    private final Counter failures;
    private volatile CrlSnapshot served;
    private volatile Instant lastPublication;

    CrlMeters(MeterRegistry registry, Clock clock) {
        this.clock = clock;
        this.builds = Timer.builder("stica.crl.build")
                .description("CRL builds by this instance: build, sign, check and store")
                .serviceLevelObjectives(BUCKETS).register(registry);
        this.failures = Counter.builder("stica.crl.publication.failures")
                .description("CRL builds by this instance that failed (the previous CRL stays)")
                .register(registry);
        gauge(registry, "stica.crl.number", null, "CRL Number of the CRL served",
                crl -> crl.number().doubleValue());
        gauge(registry, "stica.crl.this.update.timestamp", "seconds",
                "thisUpdate of the CRL served", crl -> epochSeconds(crl.thisUpdate()));
        gauge(registry, "stica.crl.next.update.timestamp", "seconds",
                "nextUpdate of the CRL served", crl -> epochSeconds(crl.nextUpdate()));
        gauge(registry, "stica.crl.age", "seconds", "Time since thisUpdate of the CRL served",
                crl -> Duration.between(crl.thisUpdate(), clock.instant()).toMillis() / 1000.0);
        Gauge.builder("stica.crl.entries", this, m -> m.served == null ? Double.NaN
                        : m.served.entryCount())
                .description("Entries (revoked certificates) on the CRL served")
                .strongReference(true).register(registry);
        Gauge.builder("stica.crl.last.publication.timestamp", this,
                        m -> m.lastPublication == null ? Double.NaN
                                : epochSeconds(m.lastPublication))
                .description("When this instance last built and stored a CRL")
                .baseUnit("seconds").strongReference(true).register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String unit, String description,
                       ToDoubleFunction<StoredCrl> value) {
        Gauge.builder(name, this, m -> m.served == null ? Double.NaN
                        : value.applyAsDouble(m.served.crl()))
                .description(description).baseUnit(unit).strongReference(true)
                .register(registry);
    }

    private static double epochSeconds(Instant at) {
        return at.toEpochMilli() / 1000.0;
    }

    /** A CRL is served from now on. */
    @Override
    public void accept(CrlSnapshot snapshot) {
        served = snapshot;
    }

    @Override
    public void published(StoredCrl crl, Duration took) {
        builds.record(took);
        lastPublication = clock.instant();
    }

    @Override
    public void failed(Throwable cause) {
        failures.increment();
    }
}
