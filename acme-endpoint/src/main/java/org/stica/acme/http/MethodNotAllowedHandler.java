package org.stica.acme.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.stica.acme.problem.AcmeProblem;
import org.stica.acme.problem.ProblemType;

/**
 * A method the resource does not take (e.g. GET on a POST-only resource, RFC 8555 §6.3) → 405
 * with {@code Allow}.
 */
final class MethodNotAllowedHandler implements Handler<RoutingContext> {
    private final String allow;

    MethodNotAllowedHandler(String allow) {
        this.allow = allow;
    }

    @Override
    public void handle(RoutingContext ctx) {
        ctx.response().putHeader("Allow", allow);
        ctx.fail(AcmeProblem.withStatus(ProblemType.MALFORMED,
                ctx.request().method() + " is not allowed on this resource (use " + allow + ")",
                405));
    }
}
