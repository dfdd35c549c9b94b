package org.stica.server.admin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Optional;
import org.stica.server.audit.AuditEvent;
import org.stica.server.audit.AuditLog;
import org.stica.server.http.HttpProblem;

/**
 * {@code /admin/v1/api-keys}: list (never secrets), create ({@code {"name","role"}} → 201 with
 * the secret shown once) and revoke ({@code DELETE /admin/v1/api-keys/{id}}). Admin role only
 * (see {@link AdminRouteTable}); every change is audited.
 */
public final class ApiKeyHandler {
    private final ApiKeyStore keys;
    private final AuditLog audit;
    private final Clock clock;

    public ApiKeyHandler(ApiKeyStore keys, AuditLog audit, Clock clock) {
        this.keys = keys;
        this.audit = audit;
        this.clock = clock;
    }

    public void list(RoutingContext ctx) {
        keys.list().onSuccess(all -> JsonReply.send(ctx, 200, new JsonObject().put("items",
                new JsonArray(all.stream().map(ApiKey::toJson).toList()))))
                .onFailure(ctx::fail);
    }

    public void create(RoutingContext ctx) {
        JsonObject body = ctx.body().asJsonObject();
        String name = body.getString("name");
        AdminRole role = AdminRole.fromWire(body.getString("role")).orElseThrow(() ->
                new HttpProblem(400, "malformed", "role must be admin, operator or auditor"));
        String actor = actor(ctx);
        String secret = ApiKeySecrets.newSecret();
        ApiKey key = new ApiKey(ApiKeySecrets.newId("k-"), name, role, clock.instant(), actor,
                Optional.empty());
        keys.insert(key, ApiKeySecrets.hash(secret))
                .compose(v -> audit.record(new AuditEvent("admin.api-key.created", actor,
                        key.id(), new JsonObject().put("role", role.wireName())
                        .put("name", name))))
                .onSuccess(v -> JsonReply.send(ctx, 201, key.toJson().put("secret", secret)))
                .onFailure(ctx::fail);
    }

    public void revoke(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        String actor = actor(ctx);
        keys.revoke(id, actor, clock.instant())
                .compose(done -> done ? audit.record(new AuditEvent("admin.api-key.revoked",
                        actor, id, new JsonObject())).map(true)
                        : io.vertx.core.Future.succeededFuture(false))
                .onSuccess(done -> {
                    if (done) {
                        ctx.response().setStatusCode(204).end();
                    } else {
                        ctx.fail(new HttpProblem(404, "notFound",
                                "no active API key '" + id + "'"));
                    }
                })
                .onFailure(ctx::fail);
    }

    static String actor(RoutingContext ctx) {
        return AdminPrincipal.of(ctx).map(AdminPrincipal::actor).orElse("unknown");
    }
}
