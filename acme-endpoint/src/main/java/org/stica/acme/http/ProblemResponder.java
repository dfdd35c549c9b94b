package org.stica.acme.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.UUID;
import org.stica.acme.problem.AcmeProblem;
import org.stica.acme.problem.Problem;
import org.stica.acme.problem.ProblemMapper;
import org.stica.acme.problem.ProblemType;

/**
 * The one failure handler: every failed request becomes an {@code application/problem+json}
 * document (RFC 8555 §6.7) through {@link ProblemMapper}; router-level failures (413 body too
 * large, 404, 405) become malformed with that status. POST responses still get a fresh
 * {@code Replay-Nonce} (§6.5) when none was attached yet.
 */
public final class ProblemResponder implements Handler<RoutingContext> {
    private static final String REQUEST_ID = "X-Request-Id";

    private final ProblemMapper mapper;
    private final CommonHeadersHandler common;
    private final ReplayNonceHandler nonces;

    public ProblemResponder(ProblemMapper mapper, CommonHeadersHandler common,
                            ReplayNonceHandler nonces) {
        this.mapper = mapper;
        this.common = common;
        this.nonces = nonces;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (ctx.response().ended()) {
            return;
        }
        Throwable failure = mapper.classify(failure(ctx));
        Problem problem = mapper.toProblem(failure, requestId(ctx));
        common.apply(ctx);
        if (failure instanceof AcmeProblem acme) {
            acme.headers().forEach(ctx.response()::putHeader);
        }
        if (ctx.request().method() == HttpMethod.POST) {
            nonces.attach(ctx).onComplete(ignored -> send(ctx, problem));
        } else {
            send(ctx, problem);
        }
    }

    /**
     * The request's id, as the server's listener put it in the {@code X-Request-Id} response
     * header, so an internal error's log line and detail name the id the client was sent; a
     * fresh one where no listener set it.
     */
    private static String requestId(RoutingContext ctx) {
        String id = ctx.response().headers().get(REQUEST_ID);
        return id != null ? id : UUID.randomUUID().toString();
    }

    private static Throwable failure(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        int status = failure instanceof HttpException http ? http.getStatusCode()
                : failure == null ? ctx.statusCode() : -1;
        return switch (status) {
            case -1 -> failure;
            case 413 -> AcmeProblem.withStatus(ProblemType.MALFORMED,
                    "request body is too large", 413);
            case 404 -> AcmeProblem.notFound("resource");
            case 405 -> AcmeProblem.withStatus(ProblemType.MALFORMED,
                    "method not allowed on this resource", 405);
            case 400 -> AcmeProblem.malformed("bad request");
            default -> failure != null ? failure
                    : new IllegalStateException("request failed with status " + status);
        };
    }

    private static void send(RoutingContext ctx, Problem problem) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(problem.status())
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Cache-Control", "no-store")
                .end(problem.toJson().encode());
    }
}
