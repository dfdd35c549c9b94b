package org.stica.crl.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stica.crl.CrlException;

/**
 * The one place where failures of the CRL routes become RFC 9457 problem documents
 * ({@code application/problem+json}). No CRL yet: 503 with Retry-After. Anything else: the status
 * the route failed with, or 500, with a generic detail; the internal cause is logged with a request
 * id that the problem carries, never sent to the client.
 */
public final class CrlProblemHandler {
    private static final Logger LOG = LoggerFactory.getLogger(CrlProblemHandler.class);
    private static final String PROBLEM_TYPE = "application/problem+json";
    private static final String RETRY_AFTER_SECONDS = "5";
    private static final String REQUEST_ID = "X-Request-Id";

    /** Failure handler for the CRL routes. */
    public void handle(RoutingContext ctx) {
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        Throwable failure = ctx.failure();
        if (failure instanceof CrlException e && e.kind() == CrlException.Kind.NOT_PUBLISHED) {
            ctx.response().putHeader("Retry-After", RETRY_AFTER_SECONDS);
            send(ctx, 503, "Service Unavailable", "No CRL has been published yet; retry shortly.",
                    null);
            return;
        }
        int status = failure == null && ctx.statusCode() >= 400 ? ctx.statusCode() : 500;
        // the id the server's listener sent in X-Request-Id, so the log line and the client agree
        String requestId = ctx.response().headers().get(REQUEST_ID);
        if (requestId == null) {
            requestId = UUID.randomUUID().toString();
        }
        if (status >= 500) {
            LOG.error("CRL request {} {} failed [request id {}]", ctx.request().method(),
                    ctx.request().path(),
                    requestId, failure);
        }
        send(ctx, status, status >= 500 ? "Internal Server Error" : "Request Failed",
                status >= 500 ? "The CRL could not be served."
                        : "The request could not be served.", requestId);
    }

    private static void send(RoutingContext ctx, int status, String title, String detail,
            String requestId) {
        JsonObject problem = new JsonObject()
                .put("type", "about:blank")
                .put("title", title)
                .put("status", status)
                .put("detail", detail);
        if (requestId != null) {
            problem.put("requestId", requestId);
        }
        ctx.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, PROBLEM_TYPE)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        if (ctx.request().method() == HttpMethod.HEAD) {
            ctx.response().end();
        } else {
            ctx.response().end(problem.encode());
        }
    }
}
