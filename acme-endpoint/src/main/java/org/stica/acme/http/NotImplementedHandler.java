package org.stica.acme.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.stica.acme.problem.AcmeProblem;
import org.stica.acme.problem.ProblemType;

/**
 * A resource that is advertised by RFC 8555 but not offered yet (keyChange §7.3.5, the orders
 * list §7.1.2.1): an explicit 501 problem, never a fake success (ARCHITECTURE.md rule 7).
 */
public final class NotImplementedHandler implements Handler<RoutingContext> {
    private final String feature;

    public NotImplementedHandler(String feature) {
        this.feature = feature;
    }

    @Override
    public void handle(RoutingContext ctx) {
        ctx.fail(new AcmeProblem(ProblemType.NOT_IMPLEMENTED, feature + " is not supported yet"));
    }
}
