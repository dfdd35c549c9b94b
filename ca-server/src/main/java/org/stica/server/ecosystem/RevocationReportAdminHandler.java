package org.stica.server.ecosystem;

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
 * The revocation reports to the STI-PA on the admin API (issue 20; {@link RevocationReporting}):
 * {@code GET /admin/v1/sti-pa/revocation-reports} (pending revocations),
 * {@code POST .../exports} (sign the pending ones into an export: 201 with the export and its
 * {@code document}; 409 {@code nothingPending}), {@code GET .../exports} (the newest exports),
 * {@code GET .../exports/{id}} (the signed document, {@code application/jose}, to submit to the
 * STI-PA) and {@code POST .../exports/{id}/submitted} with an optional
 * {@code {"reference":"..."}} (the operator submitted it; 409 when already marked).
 */
public final class RevocationReportAdminHandler implements Consumer<Router> {
    private static final String BASE = "/admin/v1/sti-pa/revocation-reports";

    private final RevocationReporting reporting;

    public RevocationReportAdminHandler(RevocationReporting reporting) {
        this.reporting = reporting;
    }

    @Override
    public void accept(Router router) {
        router.get(BASE).handler(this::pending);
        router.post(BASE + "/exports").handler(this::export);
        router.get(BASE + "/exports").handler(this::exports);
        router.get(BASE + "/exports/:id").handler(this::download);
        router.post(BASE + "/exports/:id/submitted").handler(this::submitted);
    }

    private void pending(RoutingContext ctx) {
        reporting.pending().onSuccess(pending -> {
            JsonArray items = new JsonArray();
            pending.forEach(p -> items.add(p.toJson()));
            JsonReply.send(ctx, 200, new JsonObject().put("pending", items)
                    .put("count", pending.size()));
        }).onFailure(ctx::fail);
    }

    private void export(RoutingContext ctx) {
        reporting.export(actor(ctx))
                .onSuccess(export -> JsonReply.send(ctx, 201, export.toJson()
                        .put("document", export.document().orElseThrow())))
                .onFailure(ctx::fail);
    }

    private void exports(RoutingContext ctx) {
        reporting.exports().onSuccess(exports -> {
            JsonArray items = new JsonArray();
            exports.forEach(e -> items.add(e.toJson()));
            JsonReply.send(ctx, 200, new JsonObject().put("items", items));
        }).onFailure(ctx::fail);
    }

    private void download(RoutingContext ctx) {
        reporting.download(id(ctx)).onSuccess(export -> ctx.response()
                .putHeader("Content-Type", "application/jose")
                .putHeader("Content-Disposition", "attachment; filename=\"revocation-report-"
                        + export.id() + ".jws\"")
                .putHeader("Cache-Control", "no-store")
                .end(export.document().orElseThrow())).onFailure(ctx::fail);
    }

    private void submitted(RoutingContext ctx) {
        // the body (optional) was checked against the contract: an object with a string
        Optional<String> reference = Optional.ofNullable(ctx.body().length() > 0
                ? ctx.body().asJsonObject() : null).map(body -> body.getString("reference"));
        reporting.markSubmitted(id(ctx), actor(ctx), reference)
                .onSuccess(export -> JsonReply.send(ctx, 200, export.toJson()))
                .onFailure(ctx::fail);
    }

    private static String actor(RoutingContext ctx) {
        return AdminPrincipal.of(ctx).map(AdminPrincipal::actor).orElse("admin");
    }

    private static long id(RoutingContext ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new HttpProblem(400, "malformed", "the export id must be a number");
        }
    }
}
