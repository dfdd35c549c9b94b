package org.stica.server.http;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stica.acme.port.RevocationRefused;
import org.stica.server.issuance.CertificateNotFoundException;
import org.stica.server.trace.RequestId;
import org.stica.server.trace.RequestScope;

/**
 * The one place where failures of ca-server's own routes (STI-CR, roots, admin API) become RFC
 * 9457 {@code application/problem+json} documents (ARCHITECTURE.md §3.2). Known refusals keep
 * their client-safe detail; anything else is a 500 whose detail is only the request id (the one
 * in the {@code X-Request-Id} response header), with the cause logged under that id. No stack trace or internal message reaches the client.
 */
public final class ProblemResponder {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemResponder.class);
    private static final String TYPE_PREFIX = "urn:stica:problem:";

    private ProblemResponder() {
    }

    /** Failure handler: {@code router.route().failureHandler(ProblemResponder::handle)}. */
    public static void handle(RoutingContext ctx) {
        HttpProblem problem = toProblem(ctx.failure(), ctx.statusCode(), ctx.request().path());
        send(ctx, problem);
    }

    /** Ends the response with {@code problem}. */
    public static void send(RoutingContext ctx, HttpProblem problem) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.headWritten()) {
            ctx.request().connection().close();
            return;
        }
        send(response, problem);
    }

    /** Ends a response nothing was written to yet with {@code problem} (before any router). */
    public static void send(HttpServerResponse response, HttpProblem problem) {
        JsonObject body = new JsonObject()
                .put("type", TYPE_PREFIX + problem.type())
                .put("title", title(problem.status()))
                .put("status", problem.status())
                .put("detail", problem.detail());
        response.setStatusCode(problem.status())
                .putHeader("Content-Type", "application/problem+json")
                .putHeader("Cache-Control", "no-store");
        if (problem.status() == 401) {
            response.putHeader("WWW-Authenticate", "Bearer");
        }
        response.end(body.encode());
    }

    /**
     * The problem a failure is reported as: an {@link HttpProblem} as is, known refusals with
     * their client-safe detail, anything else a 500 naming only a request id (cause logged).
     */
    public static HttpProblem toProblem(Throwable failure, int status, String path) {
        if (failure instanceof HttpProblem problem) {
            return problem;
        }
        if (failure instanceof RevocationRefused refused) {
            return switch (refused.kind()) {
                case ALREADY_REVOKED ->
                        new HttpProblem(409, "alreadyRevoked", refused.getMessage());
                case BAD_REASON ->
                        new HttpProblem(400, "badRevocationReason", refused.getMessage());
                case UNAUTHORIZED -> new HttpProblem(403, "unauthorized", refused.getMessage());
            };
        }
        if (failure instanceof CertificateNotFoundException notFound) {
            return new HttpProblem(404, "notFound", notFound.getMessage());
        }
        if (failure == null) {
            int code = status >= 400 ? status : 500;
            return new HttpProblem(code, code == 404 ? "notFound" : code == 405
                    ? "methodNotAllowed" : code < 500 ? "badRequest" : "serverInternal",
                    code == 404 ? "no such resource" : title(code));
        }
        String requestId = RequestScope.currentId().map(RequestId::value)
                .orElseGet(() -> UUID.randomUUID().toString());
        LOG.error("internal error on {} (request id {})", path, requestId, failure);
        return new HttpProblem(500, "serverInternal", "internal error; request id " + requestId);
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        };
    }
}
