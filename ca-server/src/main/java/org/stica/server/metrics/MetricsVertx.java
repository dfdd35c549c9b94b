package org.stica.server.metrics;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.EnumSet;

/**
 * Creates the Vert.x instance a server runs on with Vert.x's Micrometer metrics on
 * ({@link VertxOptions#setMetricsOptions}): HTTP server requests labelled by route template
 * (the Vert.x Web route path such as {@code /acme/>/order/:id}, never the raw path), method and
 * status code, with latency histograms; the named pools (PostgreSQL {@code stica-db} and
 * {@code stica-db-async-commit}, the signer workers {@code stica-signer}: in use, waiting, wait
 * time); the SQL clients ({@code vertx_sql_*}: statements in flight, statement time), one series
 * per client by its metrics name ({@code client_namespace}, {@code PgPools}); HTTP clients; and
 * the JVM (memory, GC, threads, class loading, processor, uptime). The registry is kept under
 * {@link #REGISTRY_NAME}, where {@link ServerMetrics} finds it and adds the server's own meters.
 *
 * <p>One such instance per JVM: a second one with metrics would share the first one's registry,
 * and closing either closes it.
 */
public final class MetricsVertx {
    /** The name of the registry in Vert.x's {@code BackendRegistries}. */
    public static final String REGISTRY_NAME = "stica";

    private MetricsVertx() {
    }

    /** A Vert.x with {@code options} (its metrics options set here) and metrics on. */
    public static Vertx create(VertxOptions options) {
        return Vertx.builder().with(options.setMetricsOptions(metricsOptions()))
                .withMetrics(new MicrometerMetricsFactory(MeterRegistries.prometheus()))
                .build();
    }

    static MicrometerMetricsOptions metricsOptions() {
        return new MicrometerMetricsOptions()
                .setEnabled(true)
                .setRegistryName(REGISTRY_NAME)
                .setJvmMetricsEnabled(true)
                .setLabels(EnumSet.of(Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE,
                        Label.POOL_TYPE, Label.POOL_NAME, Label.NAMESPACE))
                .addDisabledMetricsCategory(MetricsDomain.EVENT_BUS)
                .addDisabledMetricsCategory(MetricsDomain.DATAGRAM_SOCKET)
                // TCP clients: the PostgreSQL pool, the LISTEN connections and the pub/sub
                // subscribers each make one, and they share unlabelled gauge ids, so Micrometer
                // keeps the first and warns; the pool metrics (stica-db) say what matters.
                .addDisabledMetricsCategory(MetricsDomain.NET_CLIENT);
    }
}
