package org.stica.server.admin;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Optional;
import org.stica.server.audit.AuditEvent;
import org.stica.server.audit.AuditLog;
import org.stica.server.http.HttpProblem;
import org.stica.server.token.X5uAllowList;
import org.stica.server.token.X5uPrefix;

/**
 * The x5u allow-list (RFC 9448 §6; issue 6): {@code GET /admin/v1/x5u-allow-list} (the
 * configured seed and the added entries), {@code POST}
 * {@code {"prefix": "https://pa.example/certs/"}} (201; rule in {@link X5uPrefix#problem}; 409
 * when listed) and
 * {@code DELETE /admin/v1/x5u-allow-list/{id}} (204; configured prefixes cannot be removed here).
 * Changes are audited and in force on this instance at once, on the others at their next reload.
 */
public final class X5uAllowListHandler {
    private static final String PATH = "/admin/v1/x5u-allow-list";

    private final X5uAllowList allowList;
    private final AuditLog audit;
    private final Clock clock;

    public X5uAllowListHandler(X5uAllowList allowList, AuditLog audit, Clock clock) {
        this.allowList = allowList;
        this.audit = audit;
        this.clock = clock;
    }

    /** Mounts the three routes (behind the admin gate). */
    public void mount(Router router) {
        router.get(PATH).handler(this::list);
        router.post(PATH).handler(this::add);
        router.delete(PATH + "/:id").handler(this::remove);
    }

    void list(RoutingContext ctx) {
        allowList.reload().onSuccess(v -> JsonReply.send(ctx, 200, body())).onFailure(ctx::fail);
    }

    private JsonObject body() {
        JsonArray items = new JsonArray();
        JsonArray entries = new JsonArray();
        allowList.seed().forEach(p -> {
            items.add(p);
            entries.add(new JsonObject().put("prefix", p).put("source", "config"));
        });
        allowList.added().forEach(e -> {
            items.add(e.prefix());
            entries.add(e.toJson());
        });
        return new JsonObject().put("items", items).put("entries", entries)
                .put("source", "pa.x5uAllowedPrefixes (STICA_X5U_ALLOWED_PREFIXES) and the"
                        + " admin API");
    }

    void add(RoutingContext ctx) {
        JsonObject body = ctx.body().asJsonObject();
        String prefix = body.getString("prefix");
        Optional<String> problem = X5uPrefix.problem(prefix);
        if (problem.isPresent()) {
            throw new HttpProblem(400, "malformed", problem.get());
        }
        if (allowList.seed().contains(prefix)) {
            throw new HttpProblem(409, "conflict", "the prefix is already configured");
        }
        String actor = ApiKeyHandler.actor(ctx);
        X5uPrefix entry = new X5uPrefix(ApiKeySecrets.newId("x5u-"), prefix, clock.instant(),
                actor);
        allowList.store().insert(entry)
                .compose(inserted -> inserted ? Future.succeededFuture()
                        : Future.failedFuture(new HttpProblem(409, "conflict",
                        "the prefix is already on the allow-list")))
                .compose(v -> audit.record(new AuditEvent("x5u.prefix.added", actor, entry.id(),
                        new JsonObject().put("prefix", prefix))))
                .compose(v -> allowList.reload())
                .onSuccess(v -> JsonReply.send(ctx, 201, entry.toJson()))
                .onFailure(ctx::fail);
    }

    void remove(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        String actor = ApiKeyHandler.actor(ctx);
        allowList.store().delete(id)
                .compose(deleted -> deleted.isPresent()
                        ? audit.record(new AuditEvent("x5u.prefix.removed", actor, id,
                        new JsonObject().put("prefix", deleted.get())))
                        : Future.failedFuture(new HttpProblem(404, "notFound", "no added x5u"
                        + " prefix '" + id + "' (configured prefixes change in the config)")))
                .compose(v -> allowList.reload())
                .onSuccess(v -> ctx.response().setStatusCode(204).end())
                .onFailure(ctx::fail);
    }
}
