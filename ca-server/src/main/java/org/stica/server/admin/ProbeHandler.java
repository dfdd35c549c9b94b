package org.stica.server.admin;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /livez} and {@code GET /readyz} on the admin port, without credentials and without
 * details (issue 17): live while the event loop answers; ready while PostgreSQL answers, the HSM
 * is not failing, the STI-PA trust snapshot is fresh and the server is not draining. The body is
 * one word; what failed is in {@code /admin/v1/health}, behind authentication.
 */
public final class ProbeHandler {
    private final HealthProbe probe;

    public ProbeHandler(HealthProbe probe) {
        this.probe = probe;
    }

    public void live(RoutingContext ctx) {
        reply(ctx, true);
    }

    public void ready(RoutingContext ctx) {
        boolean others = probe.hsmFailure().isEmpty() && probe.trustWarning().isEmpty()
                && !probe.draining();
        probe.database().timeout(HealthHandler.PROBE_TIMEOUT_MS, MILLISECONDS)
                .onComplete(db -> reply(ctx, db.succeeded() && others));
    }

    private static void reply(RoutingContext ctx, boolean ok) {
        ctx.response().setStatusCode(ok ? 200 : 503)
                .putHeader("Content-Type", "text/plain; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .end(ok ? "ok\n" : "unavailable\n");
    }
}
