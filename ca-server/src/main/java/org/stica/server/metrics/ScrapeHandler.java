package org.stica.server.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stica.server.http.HttpProblem;
import org.stica.server.http.ProblemResponder;

/**
 * {@code GET /metrics} on the admin port: the registry in the Prometheus text exposition format
 * (version 0.0.4, written by Micrometer's Prometheus registry), if {@link ScrapeAccess} lets the
 * request in; else an RFC 9457 problem. The scrape runs on a worker thread: it walks every
 * meter, and a few gauges read files (the CRL's entry count, once).
 */
public final class ScrapeHandler {
    /** The Prometheus text format's media type. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final Logger LOG = LoggerFactory.getLogger(ScrapeHandler.class);

    private final Vertx vertx;
    private final PrometheusMeterRegistry registry;
    private final ScrapeAccess access;

    public ScrapeHandler(Vertx vertx, PrometheusMeterRegistry registry, ScrapeAccess access) {
        this.vertx = vertx;
        this.registry = registry;
        this.access = access;
    }

    public void handle(RoutingContext ctx) {
        Optional<HttpProblem> refused = access.refusal(ctx.request().getHeader(
                HttpHeaders.AUTHORIZATION));
        if (refused.isPresent()) {
            ProblemResponder.send(ctx, refused.get());
            return;
        }
        vertx.executeBlocking(registry::scrape, false)
                .onSuccess(text -> ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE)
                        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store").end(text))
                .onFailure(e -> {
                    LOG.error("scraping the metrics failed", e);
                    ProblemResponder.send(ctx, new HttpProblem(500, "serverInternal",
                            "the metrics could not be read; see the server log"));
                });
    }
}
