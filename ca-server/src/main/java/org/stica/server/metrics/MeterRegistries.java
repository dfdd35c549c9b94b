package org.stica.server.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Arrays;

/**
 * Creates the Prometheus registry the server's meters go to, with latency histograms for
 * Vert.x's HTTP server requests: fixed buckets from 5 ms to 10 s (a dozen series per route,
 * method and status, not Micrometer's seventy-odd percentile buckets). Vert.x's per-remote
 * HTTP client connection pools ({@code pool_type="http"}, named by host and port) are left out:
 * webhooks and x5u fetches reach many hosts, one series set each.
 */
public final class MeterRegistries {
    /** Vert.x's HTTP server request timer ({@code vertx_http_server_response_time_seconds}). */
    static final String HTTP_SERVER_RESPONSE_TIME = "vertx.http.server.response.time";
    private static final String POOLS = "vertx.pool.";
    /** The bucket bounds of HTTP request latency. */
    static final Duration[] HTTP_BUCKETS = millis(5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000,
            10_000);

    private MeterRegistries() {
    }

    /** A new registry with the HTTP request histogram configured (before any meter exists). */
    public static PrometheusMeterRegistry prometheus() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(MeterFilter.deny(id -> id.getName().startsWith(POOLS)
                && "http".equals(id.getTag("pool_type"))));
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id,
                                                         DistributionStatisticConfig config) {
                return HTTP_SERVER_RESPONSE_TIME.equals(id.getName())
                        ? DistributionStatisticConfig.builder()
                                .serviceLevelObjectives(nanos(HTTP_BUCKETS)).build().merge(config)
                        : config;
            }
        });
        return registry;
    }

    /** Durations of {@code values} milliseconds. */
    static Duration[] millis(long... values) {
        return Arrays.stream(values).mapToObj(Duration::ofMillis).toArray(Duration[]::new);
    }

    private static double[] nanos(Duration[] bounds) {
        return Arrays.stream(bounds).mapToDouble(Duration::toNanos).toArray();
    }
}
