package org.stica.server.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.stica.server.lifecycle.InFlight;

/**
 * The first handler of the public and admin routers: counts every request in {@link InFlight}
 * until its response is done, and while the server drains (SIGTERM, ARCHITECTURE.md §5
 * invariant 5) refuses new work with 503 and {@code Retry-After}. Every ACME request is refused
 * (an RFC 8555 {@code serverInternal} problem), and so is any request that is not a GET or HEAD
 * (RFC 9457 problem); GETs elsewhere (CRL, certificate repository, trust anchors, admin health
 * and reads) are still answered, so relying parties never see a gap in downloads and health can
 * report the drain.
 */
public final class DrainGate implements Handler<RoutingContext> {
    /** Seconds a refused client should wait; another instance or the restarted one answers. */
    public static final int RETRY_AFTER_SECONDS = 5;
    private static final String ACME_SERVER_INTERNAL = "urn:ietf:params:acme:error:serverInternal";
    private static final String DETAIL = "the server is shutting down; retry shortly";

    private final InFlight inFlight;
    private final String acmeBasePath;

    /** @param acmeBasePath e.g. {@code /acme}; requests below it are ACME requests */
    public DrainGate(InFlight inFlight, String acmeBasePath) {
        this.inFlight = inFlight;
        this.acmeBasePath = acmeBasePath + "/";
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (inFlight.draining() && !admittedWhileDraining(request)) {
            refuse(ctx);
            return;
        }
        InFlight.Ticket ticket = inFlight.begin(request.method() + " " + request.path());
        ctx.addEndHandler(done -> ticket.end());
        ctx.next();
    }

    private boolean admittedWhileDraining(HttpServerRequest request) {
        boolean read = request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD;
        return read && !isAcme(request);
    }

    private boolean isAcme(HttpServerRequest request) {
        String path = request.path();
        return path != null && path.startsWith(acmeBasePath);
    }

    private void refuse(RoutingContext ctx) {
        ctx.response().putHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
        if (!isAcme(ctx.request())) {
            ProblemResponder.send(ctx, new HttpProblem(503, "serverInternal", DETAIL));
            return;
        }
        ctx.response().setStatusCode(503)
                .putHeader("Content-Type", "application/problem+json")
                .putHeader("Cache-Control", "no-store")
                .end(new JsonObject().put("type", ACME_SERVER_INTERNAL).put("status", 503)
                        .put("detail", DETAIL).encode());
    }
}
