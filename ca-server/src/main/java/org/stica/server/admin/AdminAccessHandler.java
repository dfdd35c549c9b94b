package org.stica.server.admin;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stica.server.audit.AuditEvent;
import org.stica.server.audit.AuditLog;
import org.stica.server.http.HttpProblem;

/**
 * The admin API's gate, run before every admin route (issue 6): a valid bearer key or 401, the
 * role the {@link AdminRouteTable} requires or 403, and for sensitive routes under dual control a
 * second admin's approval ({@link DualControl}). Denials and authorised state changes are
 * recorded in the audit log before the request proceeds. Without a bootstrap token the admin API
 * is disabled (503, fail closed).
 */
public final class AdminAccessHandler {
    private static final Logger LOG = LoggerFactory.getLogger(AdminAccessHandler.class);
    private static final String BEARER = "Bearer ";

    private final ApiKeyAuthenticator authenticator;
    private final AuditLog audit;
    private final Optional<DualControl> dualControl;

    /** @param dualControl present when {@code admin.dualControl} is on */
    public AdminAccessHandler(ApiKeyAuthenticator authenticator, AuditLog audit,
                              Optional<DualControl> dualControl) {
        this.authenticator = authenticator;
        this.audit = audit;
        this.dualControl = dualControl;
    }

    public void handle(RoutingContext ctx) {
        if (!authenticator.enabled()) {
            LOG.warn("admin API refused: no admin.token (STICA_ADMIN_TOKEN) is configured");
            ctx.fail(new HttpProblem(503, "adminDisabled",
                    "the admin API is disabled: no admin token is configured"));
            return;
        }
        authenticator.authenticate(bearer(ctx))
                .compose(principal -> authorise(ctx, principal))
                .onSuccess(proceed -> {
                    if (proceed) {
                        ctx.next();
                    }
                })
                .onFailure(ctx::fail);
    }

    private Future<Boolean> authorise(RoutingContext ctx, Optional<AdminPrincipal> principal) {
        HttpMethod method = ctx.request().method();
        String path = ctx.request().path();
        if (principal.isEmpty()) {
            return deny(ctx, "anonymous", 401, "unauthorized",
                    "a valid admin bearer key is required");
        }
        AdminPrincipal who = principal.get();
        Optional<AdminRoute> route = AdminRouteTable.find(method, path);
        AdminRole required = route.map(AdminRoute::role).orElse(AdminRole.ADMIN);
        if (!who.role().includes(required)) {
            return deny(ctx, who.actor(), 403, "forbidden", "this key's role ("
                    + who.role().wireName() + ") may not call " + method.name() + " " + path
                    + "; it needs " + required.wireName());
        }
        who.attach(ctx);
        if (route.isPresent() && route.get().sensitive() && dualControl.isPresent()) {
            return dualControl.get().check(ctx, who, route.get());
        }
        if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
            return Future.succeededFuture(true);
        }
        return audit.record(new AuditEvent("admin.authorized", who.actor(), path,
                new JsonObject().put("method", method.name()).put("role", who.role().wireName())))
                .map(true);
    }

    private Future<Boolean> deny(RoutingContext ctx, String actor, int status, String type,
                                 String detail) {
        return audit.record(new AuditEvent("admin.denied", actor, ctx.request().path(),
                        new JsonObject().put("method", ctx.request().method().name())
                                .put("status", status)))
                .transform(recorded -> Future.failedFuture(new HttpProblem(status, type, detail)));
    }

    private static String bearer(RoutingContext ctx) {
        String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        boolean bearer = header != null
                && header.regionMatches(true, 0, BEARER, 0, BEARER.length());
        return bearer ? header.substring(BEARER.length()).trim() : "";
    }
}
