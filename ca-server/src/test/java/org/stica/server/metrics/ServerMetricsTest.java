package org.stica.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.backends.BackendRegistries;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stica.acme.model.ChallengeStatus;
import org.stica.acme.model.OrderStatus;
import org.stica.acme.port.AuthorityTokenValidator;
import org.stica.crl.publish.CrlSnapshot;
import org.stica.crl.store.StoredCrl;
import org.stica.hsm.KeyVaultException;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;
import org.stica.policy.token.TokenVerdict;
import org.stica.server.audit.AuditEvent;
import org.stica.server.audit.AuditLog;

/** {@link ServerMetrics}: the server's own meters, their labels and their lifetime. */
class ServerMetricsTest {
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final ServerMetrics metrics = new ServerMetrics(MeterRegistries.prometheus(), CLOCK);
    private final MeterRegistry registry = metrics.registry();

    @TempDir
    Path directory;

    @Test
    void acme_eachActivity_countedOnceUnderItsLabel() {
        metrics.acme().orderCreated("shaken");
        metrics.acme().orderCreated("shaken");
        metrics.acme().orderCreated("shaken-shortlived");
        metrics.acme().orderFinished(OrderStatus.VALID);
        metrics.acme().orderFinished(OrderStatus.PROCESSING);
        metrics.acme().challengeFinished(ChallengeStatus.INVALID);
        metrics.acme().certificateIssued("shaken-sca");
        metrics.acme().rateLimited("newOrder");

        assertEquals(2, count("stica.acme.new.orders", "profile", "shaken"));
        assertEquals(1, count("stica.acme.new.orders", "profile", "shaken-shortlived"));
        assertEquals(1, count("stica.acme.order.outcomes", "status", "valid"));
        assertEquals(0, count("stica.acme.order.outcomes", "status", "invalid"),
                "processing is not a final status");
        assertEquals(1, count("stica.acme.challenge.outcomes", "status", "invalid"));
        assertEquals(0, count("stica.acme.challenge.outcomes", "status", "valid"));
        assertEquals(1, count("stica.certificates.issued", "profile", "shaken-sca"));
        assertEquals(1, count("stica.acme.rate.limited", "limit", "newOrder"));
        assertTrue(metrics.registry().scrape().contains(
                "stica_acme_new_orders_total{profile=\"shaken\"} 2.0"), "Prometheus name");
    }

    @Test
    void countingRefusals_eachRefusalByReasonCode_acceptedNotCounted() {
        Future<TokenVerdict> next = Future.failedFuture(new PolicyException(
                Violation.TOKEN_EXPIRED, "expired"));
        AuthorityTokenValidator expired = metrics.countingRefusals(request -> next);
        AuthorityTokenValidator broken = metrics.countingRefusals(request ->
                Future.failedFuture(new IllegalStateException("database gone")));
        AuthorityTokenValidator accepting = metrics.countingRefusals(request ->
                Future.succeededFuture(null));

        expired.validate(null);
        expired.validate(null);
        broken.validate(null);
        accepting.validate(null);

        assertEquals(2, count("stica.spc.token.refusals", "reason", "TOKEN_EXPIRED"));
        assertEquals(1, count("stica.spc.token.refusals", "reason", "INTERNAL_ERROR"));
        assertEquals(3, registry.find("stica.spc.token.refusals").counters().stream()
                .mapToDouble(Counter::count).sum());
    }

    @Test
    void signer_latencyByOutcome_errorsByKind() {
        metrics.signer().ended(TimeUnit.MILLISECONDS.toNanos(3), Optional.empty());
        metrics.signer().ended(TimeUnit.SECONDS.toNanos(10), Optional.of(new KeyVaultException(
                KeyVaultException.Kind.UNAVAILABLE, "hung")));
        metrics.signer().ended(1000, Optional.of(new IllegalStateException("other")));

        assertEquals(1, registry.get("stica.hsm.sign").tag("outcome", "ok").timer().count());
        assertEquals(2, registry.get("stica.hsm.sign").tag("outcome", "error").timer().count());
        assertEquals(1, count("stica.hsm.sign.errors", "kind", "unavailable"));
        assertEquals(1, count("stica.hsm.sign.errors", "kind", "other"));
        assertTrue(metrics.registry().scrape().contains(
                "stica_hsm_sign_seconds_bucket{outcome=\"ok\",le=\"0.005\"} 1"),
                "latency histogram buckets");
    }

    @Test
    void crl_nanBeforeTheFirst_thenTheServedCrlAndEachBuild() throws Exception {
        MeterRegistry registry = MeterRegistries.prometheus();
        CrlMeters crl = new CrlMeters(registry, CLOCK);
        assertTrue(Double.isNaN(registry.get("stica.crl.number").gauge().value()),
                "no CRL served yet");

        Path der = Files.write(directory.resolve("crl.der"), new byte[] {0x30, 0x00});
        Instant thisUpdate = NOW.minusSeconds(90);
        StoredCrl stored = new StoredCrl(BigInteger.valueOf(1_767_323_045_123L), thisUpdate,
                thisUpdate.plus(Duration.ofHours(24)), "ab", 2, 7, der);
        crl.accept(CrlSnapshot.of(stored));
        crl.published(stored, Duration.ofMillis(1500));
        crl.failed(new IllegalStateException("signer gone"));

        assertEquals(1_767_323_045_123.0, gauge(registry, "stica.crl.number"));
        assertEquals(7, gauge(registry, "stica.crl.entries"));
        assertEquals(90, gauge(registry, "stica.crl.age"));
        assertEquals(thisUpdate.getEpochSecond() + 86_400,
                gauge(registry, "stica.crl.next.update.timestamp"));
        assertEquals(thisUpdate.getEpochSecond(),
                gauge(registry, "stica.crl.this.update.timestamp"));
        assertEquals(NOW.getEpochSecond(), gauge(registry, "stica.crl.last.publication.timestamp"));
        assertEquals(1, registry.get("stica.crl.build").timer().count());
        assertEquals(1.5, registry.get("stica.crl.build").timer().totalTime(TimeUnit.SECONDS));
        assertEquals(1, registry.get("stica.crl.publication.failures").counter().count());
    }

    @Test
    void timedAuditLog_appendsByOutcomeAndSource() {
        AuditLog failing = new AuditLog() {
            @Override
            public Future<Void> record(AuditEvent event) {
                return Future.failedFuture("database gone");
            }
        };
        AuditLog timedOk = metrics.timed(event -> Future.succeededFuture());
        AuditLog timedFailing = metrics.timed(failing);

        timedOk.record(null);
        timedOk.drainOutbox();
        timedFailing.record(null);

        assertEquals(1, timer("stica.audit.append", "direct", "ok"));
        assertEquals(1, timer("stica.audit.append", "outbox", "ok"));
        assertEquals(1, timer("stica.audit.append", "direct", "error"));
    }

    @Test
    void close_removesTheServersMetersOnly() {
        Counter foreign = Counter.builder("vertx.something").register(registry);
        metrics.acme().orderCreated("shaken");

        metrics.close();

        assertEquals(1, registry.getMeters().size(), registry.getMeters().toString());
        assertSame(foreign, registry.getMeters().get(0));
    }

    @Test
    void of_metricsVertx_sharesItsRegistry_plainVertx_ownRegistry() {
        Vertx withMetrics = MetricsVertx.create(new VertxOptions());
        Vertx plain = Vertx.vertx();
        try {
            PrometheusMeterRegistry vertxRegistry = (PrometheusMeterRegistry) BackendRegistries
                    .getNow(MetricsVertx.REGISTRY_NAME);
            assertSame(vertxRegistry, ServerMetrics.of(withMetrics, CLOCK).registry());
            assertNotSame(vertxRegistry, ServerMetrics.of(plain, CLOCK).registry());
        } finally {
            withMetrics.close().await();
            plain.close().await();
        }
    }

    private double count(String name, String tag, String value) {
        Counter counter = registry.find(name).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }

    private static double gauge(MeterRegistry registry, String name) {
        return registry.get(name).gauge().value();
    }

    private long timer(String name, String source, String outcome) {
        return registry.get(name).tag("source", source).tag("outcome", outcome).timer().count();
    }
}
