package org.stica.server.pa.login;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.function.Consumer;
import org.stica.server.admin.AdminPrincipal;
import org.stica.server.admin.JsonReply;
import org.stica.server.http.HttpProblem;

/**
 * Admin routes of the SPs' iconectiv-style logins (operator sets and revokes, auditor reads):
 * {@code PUT /admin/v1/service-providers/{spc}/login} {@code {"userId":"…"}} answers the new
 * password once; {@code GET} and {@code DELETE} the same path read (never the password) and
 * remove it; {@code GET .../access-tokens} lists the live access tokens,
 * {@code POST .../access-tokens/revoke} revokes them all and
 * {@code DELETE .../access-tokens/{id}} one.
 */
public final class LoginAdminHandler implements Consumer<Router> {
    private static final String BASE = "/admin/v1/service-providers/:spc";

    private final LoginAdminService logins;

    public LoginAdminHandler(LoginAdminService logins) {
        this.logins = logins;
    }

    @Override
    public void accept(Router router) {
        router.put(BASE + "/login").handler(this::set);
        router.get(BASE + "/login").handler(this::get);
        router.delete(BASE + "/login").handler(this::remove);
        router.get(BASE + "/access-tokens").handler(this::list);
        router.post(BASE + "/access-tokens/revoke").handler(ctx -> revoke(ctx, Optional.empty()));
        router.delete(BASE + "/access-tokens/:id")
                .handler(ctx -> revoke(ctx, Optional.of(ctx.pathParam("id"))));
    }

    private void set(RoutingContext ctx) {
        String spc = ctx.pathParam("spc");
        logins.set(spc, userId(ctx), actor(ctx))
                .onSuccess(set -> JsonReply.send(ctx, 200, view(set.login())
                        .put("password", set.password())
                        .put("accessTokensRevoked", set.accessTokensRevoked())))
                .onFailure(ctx::fail);
    }

    private void get(RoutingContext ctx) {
        logins.get(ctx.pathParam("spc")).onSuccess(login -> JsonReply.send(ctx, 200, view(login)))
                .onFailure(ctx::fail);
    }

    private void remove(RoutingContext ctx) {
        String spc = ctx.pathParam("spc");
        logins.remove(spc, actor(ctx)).onSuccess(revoked -> JsonReply.send(ctx, 200,
                        new JsonObject().put("spc", spc).put("accessTokensRevoked", revoked)))
                .onFailure(ctx::fail);
    }

    private void list(RoutingContext ctx) {
        logins.live(ctx.pathParam("spc")).onSuccess(tokens -> {
            JsonArray items = new JsonArray();
            tokens.forEach(t -> items.add(new JsonObject().put("id", t.id())
                    .put("issuedAt", t.issuedAt().toString())
                    .put("expiresAt", t.expiresAt().toString())
                    .put("clientAddress", t.clientAddress())));
            JsonReply.send(ctx, 200, new JsonObject().put("accessTokens", items));
        }).onFailure(ctx::fail);
    }

    private void revoke(RoutingContext ctx, Optional<String> id) {
        logins.revoke(ctx.pathParam("spc"), id, actor(ctx)).onSuccess(ids -> {
            if (id.isPresent()) {
                ctx.response().setStatusCode(204).end();
            } else {
                JsonReply.send(ctx, 200, new JsonObject().put("revoked", new JsonArray(ids)));
            }
        }).onFailure(ctx::fail);
    }

    private static String userId(RoutingContext ctx) {
        try {
            JsonObject body = ctx.body().asJsonObject();
            if (body != null && body.getValue("userId") instanceof String userId) {
                return userId;
            }
        } catch (DecodeException | ClassCastException e) {
            // reported below
        }
        throw new HttpProblem(400, "malformed", "body must be {\"userId\":\"…\"}");
    }

    private static JsonObject view(SpLogin login) {
        return new JsonObject().put("spc", login.spc()).put("userId", login.userId())
                .put("passwordSetAt", login.passwordSetAt().toString())
                .put("setBy", login.setBy());
    }

    private static String actor(RoutingContext ctx) {
        return AdminPrincipal.of(ctx).map(AdminPrincipal::actor).orElse("admin");
    }
}
