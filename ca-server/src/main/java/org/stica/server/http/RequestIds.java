package org.stica.server.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import org.stica.server.trace.RequestId;
import org.stica.server.trace.RequestScope;

/**
 * The first handler of every listener (issue 17): gives each request its {@link RequestId} (the
 * client's well-formed {@code X-Request-Id}, else a new one), binds it to the request's context
 * ({@link RequestScope}) for the logs and the audit events the request causes, sends it back in
 * the {@code X-Request-Id} response header (problem documents included; they stay RFC 8555 and
 * RFC 9457 documents) and reports the request to the {@link AccessLog} when its response ends.
 *
 * <p>A router takes the response's end handler over when one of its handlers asks to hear of
 * the end, so every router also starts with {@link #routed}, which reports the end from the
 * routing context; {@link RequestScope#end()} makes sure only one of them counts.
 */
public final class RequestIds implements Handler<HttpServerRequest> {
    private final Handler<HttpServerRequest> next;
    private final AccessLog accessLog;

    public RequestIds(Handler<HttpServerRequest> next, AccessLog accessLog) {
        this.next = Objects.requireNonNull(next, "next");
        this.accessLog = Objects.requireNonNull(accessLog, "accessLog");
    }

    @Override
    public void handle(HttpServerRequest request) {
        HttpServerResponse response = request.response();
        RequestScope scope = new RequestScope(
                RequestId.fromHeaders(request.headers().getAll(RequestId.HEADER)),
                System.nanoTime(), ended -> accessLog.record(request, ended));
        scope.bindTo(Vertx.currentContext());
        response.putHeader(RequestId.HEADER, scope.id().value());
        response.endHandler(ended -> scope.end());
        next.handle(request);
    }

    /**
     * First handler of a router served by a listener under {@link RequestIds}: reports the
     * response's end from the routing context (the router replaces the response's end handler).
     */
    public static void routed(RoutingContext ctx) {
        RequestScope.current().ifPresent(scope -> ctx.addEndHandler(ended -> scope.end()));
        ctx.next();
    }
}
