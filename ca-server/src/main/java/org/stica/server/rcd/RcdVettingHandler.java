package org.stica.server.rcd;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Consumer;
import org.stica.policy.PolicyException;
import org.stica.policy.rcd.Rcd;
import org.stica.server.admin.AdminPrincipal;
import org.stica.server.admin.JsonReply;
import org.stica.server.admin.JsonRequest;
import org.stica.server.http.HttpProblem;

/**
 * Admin routes of RCD vetting (issue 19), behind the admin API's keys, roles, audit and OpenAPI
 * contract check: {@code GET/POST /admin/v1/subscribers/{id}/rcd-sets} (list newest first;
 * create from {@code nam}, optional {@code icn}, {@code jcl} or {@code jcd}, {@code apn} and
 * {@code crn}), {@code GET /admin/v1/subscribers/{id}/rcd-sets/{setId}} and
 * {@code POST .../{setId}/approve|reject|withdraw}.
 */
public final class RcdVettingHandler implements Consumer<Router> {
    /** The collection path template. */
    public static final String BASE = "/admin/v1/subscribers/:id/rcd-sets";

    private final RcdVettingService vetting;

    public RcdVettingHandler(RcdVettingService vetting) {
        this.vetting = vetting;
    }

    @Override
    public void accept(Router router) {
        router.get(BASE).handler(this::list);
        router.post(BASE).handler(this::create);
        router.get(BASE + "/:setId").handler(ctx -> reply(ctx, 200,
                vetting.get(ctx.pathParam("id"), ctx.pathParam("setId"))));
        router.post(BASE + "/:setId/approve").handler(ctx -> reply(ctx, 200,
                vetting.approve(ctx.pathParam("id"), ctx.pathParam("setId"),
                        who(ctx).actor(), who(ctx).keyId())));
        router.post(BASE + "/:setId/reject").handler(ctx -> reply(ctx, 200,
                vetting.reject(ctx.pathParam("id"), ctx.pathParam("setId"), who(ctx).actor())));
        router.post(BASE + "/:setId/withdraw").handler(ctx -> reply(ctx, 200,
                vetting.withdraw(ctx.pathParam("id"), ctx.pathParam("setId"),
                        who(ctx).actor())));
    }

    private void list(RoutingContext ctx) {
        vetting.list(ctx.pathParam("id")).onSuccess(all -> JsonReply.send(ctx, 200,
                new JsonObject().put("items", new JsonArray(all.stream()
                        .map(RcdVettingHandler::view).toList()))))
                .onFailure(ctx::fail);
    }

    private void create(RoutingContext ctx) {
        JsonObject body = JsonRequest.object(ctx);
        List<String> callReasons = JsonRequest.strings(body, "crn").orElse(List.of());
        body.remove("crn");
        Rcd rcd;
        try {
            rcd = Rcd.fromJson(body);
        } catch (PolicyException e) {
            throw new HttpProblem(400, "malformed", e.detail());
        }
        reply(ctx, 201, vetting.create(ctx.pathParam("id"), rcd, callReasons, who(ctx).actor(),
                who(ctx).keyId()));
    }

    /** The JSON form of a set (schema {@code RcdSet} of the admin contract). */
    static JsonObject view(RcdSet set) {
        JsonObject json = new JsonObject().put("id", set.id())
                .put("subscriberId", set.subscriberId()).put("status", set.status().dbValue())
                .put("rcd", set.rcd().toJson()).put("crn", new JsonArray(set.callReasons()));
        set.vetted().ifPresent(v -> json.put("rcdi", v.rcdi().toJson())
                .put("extensionOid", v.oid().getId())
                .put("identifier", new JsonObject().put("type", "JWTClaimConstraints")
                        .put("value", v.identifierValue())));
        json.put("createdAt", set.createdAt().toString()).put("createdBy", set.createdBy());
        set.decidedAt().ifPresent(at -> json.put("decidedAt", at.toString()));
        set.decidedBy().ifPresent(by -> json.put("decidedBy", by));
        return json;
    }

    private static void reply(RoutingContext ctx, int status, Future<RcdSet> result) {
        result.onSuccess(set -> JsonReply.send(ctx, status, view(set))).onFailure(ctx::fail);
    }

    private static AdminPrincipal who(RoutingContext ctx) {
        return AdminPrincipal.of(ctx).orElseThrow(() -> new HttpProblem(401, "unauthorized",
                "no admin principal"));
    }

}
