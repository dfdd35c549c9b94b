package org.stica.server.pa;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Consumer;
import org.stica.server.http.HttpProblem;

/**
 * Admin routes of the PA signer certificates (STI-PA role): {@code GET /admin/v1/pa/signers}
 * (each signer with serial, subject, validity and status) and
 * {@code POST /admin/v1/pa/signers/{serial}/revoke} with {@code {"reason":"keyCompromise"}}
 * (sensitive: dual control when {@code admin.dualControl} is on).
 */
public final class PaSignerAdminHandler implements Consumer<Router> {
    private static final String BASE = "/admin/v1/pa/signers";

    private final PaSignerService signers;

    public PaSignerAdminHandler(PaSignerService signers) {
        this.signers = signers;
    }

    @Override
    public void accept(Router router) {
        router.get(BASE).handler(this::list);
        router.post(BASE + "/:serial/revoke").handler(this::revoke);
    }

    private void list(RoutingContext ctx) {
        signers.list().onSuccess(all -> {
            JsonArray items = new JsonArray();
            all.forEach(status -> items.add(view(status)));
            json(ctx, 200, new JsonObject().put("signers", items));
        }).onFailure(ctx::fail);
    }

    private void revoke(RoutingContext ctx) {
        String reason = reason(ctx);
        signers.revoke(ctx.pathParam("serial").toLowerCase(java.util.Locale.ROOT), reason,
                        "admin")
                .onSuccess(revoked -> json(ctx, 200, new JsonObject()
                        .put("serial", revoked.serialHex()).put("status", "revoked")
                        .put("reason", reason)
                        .put("revokedAt", revoked.revokedAt().toString())))
                .onFailure(ctx::fail);
    }

    private static String reason(RoutingContext ctx) {
        try {
            JsonObject body = ctx.body() == null || ctx.body().length() == 0 ? new JsonObject()
                    : ctx.body().asJsonObject();
            return body.getString("reason", "unspecified");
        } catch (DecodeException | ClassCastException e) {
            throw new HttpProblem(400, "malformed",
                    "body must be a JSON object like {\"reason\":\"keyCompromise\"}");
        }
    }

    private static JsonObject view(PaSignerService.SignerStatus status) {
        JsonObject view = new JsonObject()
                .put("serial", PaSignerService.serial(status.certificate()))
                .put("subject", status.certificate().getSubjectX500Principal().getName())
                .put("notBefore", status.certificate().getNotBefore().toInstant().toString())
                .put("notAfter", status.certificate().getNotAfter().toInstant().toString())
                .put("status", status.revocation().isPresent() ? "revoked" : "active");
        status.revocation().ifPresent(r -> view.put("revokedAt", r.revokedAt().toString())
                .put("reasonCode", r.reason()));
        return view;
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(body.encode());
    }
}
