package org.stica.server.pa;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.stica.server.http.HttpProblem;
import org.stica.server.http.ProblemResponder;

/**
 * The one place where failures of the iconectiv-compatible routes become iconectiv's error
 * envelope {@code {"status":"error","message":"…"}} with the problem's HTTP status (STANDARDS.md
 * §4.1 item 3: a client treats any other {@code status} than {@code success}, or HTTP ≥ 400, as
 * an error), instead of an RFC 9457 document. The failure is classified by
 * {@link ProblemResponder#toProblem}, so an internal error still carries only a request id.
 */
public final class IconectivErrors {
    private IconectivErrors() {
    }

    /** Route failure handler of {@code /api/v1/auth/login} and {@code /api/v1/ca-list}. */
    public static void handle(RoutingContext ctx) {
        HttpProblem problem = ProblemResponder.toProblem(ctx.failure(), ctx.statusCode(),
                ctx.request().path());
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.headWritten()) {
            ctx.request().connection().close();
            return;
        }
        response.setStatusCode(problem.status())
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store")
                .end(new JsonObject().put("status", "error").put("message", problem.detail())
                        .encode());
    }

    /**
     * Route failure handler of the token API: the envelope when the request carries an access
     * token (an iconectiv-style client), the problem document of today otherwise (API keys).
     */
    public static void handleForAccessTokens(RoutingContext ctx) {
        if (AccessTokens.isAccessToken(TokenApiCredentials.credential(ctx))) {
            handle(ctx);
        } else {
            ctx.next();
        }
    }
}
