package org.stica.server.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.micrometer.backends.BackendRegistries;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stica.acme.port.AcmeActivity;
import org.stica.acme.port.AuthorityTokenValidator;
import org.stica.crl.CrlModule;
import org.stica.hsm.SignerObserver;
import org.stica.hsm.SignerPool;
import org.stica.server.audit.AuditCheckpointer;
import org.stica.server.audit.AuditLog;

/**
 * The server's own meters (issue 17; README "Metrics" lists each), in the Prometheus registry of
 * the Vert.x instance when {@link MetricsVertx} created it, so that one scrape shows Vert.x's
 * HTTP, pool and JVM meters beside them; otherwise (an embedder's or a test's Vert.x) in a
 * registry of their own. Hands the modules their ports ({@link #acme()}, {@link #signer()},
 * {@link #crl}) and decorators ({@link #countingRefusals}, {@link #timed}). Every meter is
 * named {@code stica.*}; {@link #close()} removes them from the registry, so a server started
 * again in the same Vert.x registers them afresh. Two servers in one Vert.x (tests only) share
 * the counters, the first one's gauges are the ones read, and closing either removes them all.
 */
public final class ServerMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(ServerMetrics.class);
    private static final String PREFIX = "stica.";

    private final PrometheusMeterRegistry registry;
    private final Clock clock;
    private final AcmeMeters acme;
    private final SignerMeters signer;
    private final CrlMeters crl;

    ServerMetrics(PrometheusMeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        this.acme = new AcmeMeters(registry);
        this.signer = new SignerMeters(registry);
        this.crl = new CrlMeters(registry, clock);
    }

    /** The meters of a server on {@code vertx}, in its Prometheus registry if it has one. */
    public static ServerMetrics of(Vertx vertx, Clock clock) {
        MeterRegistry shared = vertx.isMetricsEnabled()
                ? BackendRegistries.getNow(MetricsVertx.REGISTRY_NAME) : null;
        if (shared instanceof PrometheusMeterRegistry prometheus) {
            return new ServerMetrics(prometheus, clock);
        }
        LOG.info("Vert.x metrics are off (Vert.x not created with MetricsVertx): /metrics shows"
                + " the server's own meters only");
        return new ServerMetrics(MeterRegistries.prometheus(), clock);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Orders, challenges, issuances and rate-limited requests of the ACME endpoint. */
    public AcmeActivity acme() {
        return acme;
    }

    /** {@code validator} with its refusals counted by reason code. */
    public AuthorityTokenValidator countingRefusals(AuthorityTokenValidator validator) {
        return new CountedTokenValidator(validator, registry);
    }

    /** HSM operation latency and errors, for the {@link SignerPool} to report to. */
    public SignerObserver signer() {
        return signer;
    }

    /** Adds gauges of {@code pool}'s operations in flight and waiting for a session. */
    public void watch(SignerPool pool) {
        signer.watch(pool);
    }

    /** Follows the CRL {@code module} serves and builds (call before it starts). */
    public void follow(CrlModule module) {
        module.onServed(crl);
        module.onPublished(crl);
    }

    /** {@code log} with its append lag measured. */
    public AuditLog timed(AuditLog log) {
        return new TimedAuditLog(log, registry);
    }

    /** Adds gauges of the audit chain's newest signed checkpoint. */
    public void watch(AuditCheckpointer checkpointer) {
        AuditCheckpointMeters.watch(registry, checkpointer, clock);
    }

    /** Starts measuring event-loop delay; completes with the deployment to undeploy. */
    public Future<String> probeEventLoops(Vertx vertx) {
        return EventLoopDelayProbe.deploy(vertx, registry, EventLoopDelayProbe.INTERVAL);
    }

    /** Removes the server's meters ({@code stica.*}) from the registry. */
    public void close() {
        List<Meter> own = registry.getMeters().stream()
                .filter(meter -> meter.getId().getName().startsWith(PREFIX)).toList();
        own.forEach(registry::remove);
    }
}
