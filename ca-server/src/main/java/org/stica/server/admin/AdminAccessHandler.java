package org.stica.server.admin;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stica.server.audit.AuditEvent;
import org.stica.server.audit.AuditLog;
import org.stica.server.http.HttpProblem;

/**
 * The admin API's gate, run before every admin route (issue 6): a valid credential
 * ({@link AdminCredentials}: bearer key or mapped client certificate) or 401, the role the
 * {@link AdminRouteTable} requires or 403, and for sensitive routes under dual control a second
 * admin's approval ({@link DualControl}). Every 401/403 is recorded as {@code admin.denied} with
 * the route, the reason, the key id if known and the remote address (never a secret); a success
 * as {@code admin.login} once per key per window ({@link AdminLoginAudit}); authorised state
 * changes as {@code admin.authorized}; reads of the configuration and of audit exports as
 * {@code admin.read}. Without any credential configured the admin API is disabled (503).
 */
public final class AdminAccessHandler {
    private static final Logger LOG = LoggerFactory.getLogger(AdminAccessHandler.class);

    private final AdminCredentials credentials;
    private final AuditLog audit;
    private final AdminLoginAudit logins;
    private final Optional<DualControl> dualControl;

    /** @param dualControl present when {@code admin.dualControl} is on */
    AdminAccessHandler(AdminCredentials credentials, AuditLog audit, AdminLoginAudit logins,
                       Optional<DualControl> dualControl) {
        this.credentials = credentials;
        this.audit = audit;
        this.logins = logins;
        this.dualControl = dualControl;
    }

    public void handle(RoutingContext ctx) {
        if (!credentials.enabled()) {
            LOG.warn("admin API refused: no admin.token (STICA_ADMIN_TOKEN) is configured");
            ctx.fail(new HttpProblem(503, "adminDisabled",
                    "the admin API is disabled: no admin token is configured"));
            return;
        }
        credentials.resolve(ctx)
                .compose(resolution -> authorise(ctx, resolution))
                .onSuccess(proceed -> {
                    if (proceed) {
                        ctx.next();
                    }
                })
                .onFailure(ctx::fail);
    }

    private Future<Boolean> authorise(RoutingContext ctx, AdminCredentials.Resolution resolution) {
        HttpMethod method = ctx.request().method();
        String path = ctx.request().path();
        Optional<AdminRoute> route = AdminRouteTable.find(method, path);
        if (resolution.principal().isEmpty()) {
            return deny(ctx, route, Optional.empty(), resolution, 401, "unauthorized",
                    "a valid admin bearer key is required");
        }
        AdminPrincipal who = resolution.principal().get();
        AdminRole required = route.map(AdminRoute::role).orElse(AdminRole.ADMIN);
        if (!who.role().includes(required)) {
            String detail = "this key's role (" + who.role().wireName() + ") may not call "
                    + method.name() + " " + path + "; it needs " + required.wireName();
            return deny(ctx, route, Optional.of(who), resolution, 403, "forbidden", detail);
        }
        who.attach(ctx);
        return logins.loggedIn(who, resolution.credential(), remote(ctx))
                .compose(v -> proceed(ctx, who, route, method, path));
    }

    private Future<Boolean> proceed(RoutingContext ctx, AdminPrincipal who,
                                    Optional<AdminRoute> route, HttpMethod method, String path) {
        if (route.isPresent() && route.get().sensitive() && dualControl.isPresent()) {
            return dualControl.get().check(ctx, who, route.get());
        }
        if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
            if (!AdminRouteTable.AUDITED_READS.contains(path)) {
                return Future.succeededFuture(true);
            }
            String query = ctx.request().query();
            return audit.record(new AuditEvent("admin.read", who.actor(), path,
                    new JsonObject().put("query", query == null ? "" : query)
                            .put("remote", remote(ctx)))).map(true);
        }
        return audit.record(new AuditEvent("admin.authorized", who.actor(), path,
                new JsonObject().put("method", method.name()).put("role", who.role().wireName())))
                .map(true);
    }

    private Future<Boolean> deny(RoutingContext ctx, Optional<AdminRoute> route,
                                 Optional<AdminPrincipal> who,
                                 AdminCredentials.Resolution resolution, int status, String type,
                                 String detail) {
        JsonObject details = new JsonObject().put("method", ctx.request().method().name())
                .put("status", status)
                .put("route", route.map(AdminRoute::operation).orElse("unlisted"))
                .put("reason", status == 401 ? resolution.reason() : detail)
                .put("credential", resolution.credential()).put("remote", remote(ctx));
        who.ifPresent(p -> details.put("keyId", p.keyId()));
        String actor = who.map(AdminPrincipal::actor).orElse("anonymous");
        return audit.record(new AuditEvent("admin.denied", actor, ctx.request().path(), details))
                .transform(recorded -> Future.failedFuture(new HttpProblem(status, type, detail)));
    }

    /** The client's address as audited. */
    static String remote(RoutingContext ctx) {
        SocketAddress address = ctx.request().remoteAddress();
        return address == null ? "unknown" : address.hostAddress();
    }
}
