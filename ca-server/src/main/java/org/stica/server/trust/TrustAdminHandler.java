package org.stica.server.trust;

import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.function.Consumer;
import org.stica.policy.PolicyException;
import org.stica.policy.trust.TrustSnapshot;
import org.stica.server.http.HttpProblem;

/**
 * Admin routes for STI-PA trust (behind the admin authentication):
 * {@code GET/POST /admin/v1/sti-pa/trust-anchors} (body {@code {"certificate":"<PEM>"}}),
 * {@code DELETE /admin/v1/sti-pa/trust-anchors/{id}}, {@code POST /admin/v1/sti-pa/crl/refresh},
 * {@code POST /admin/v1/sti-pa/ca-list/refresh} and {@code GET /admin/v1/sti-pa/status}. Bad
 * input and refused trust material answer RFC 9457 problem documents.
 */
public final class TrustAdminHandler implements Consumer<Router> {
    private static final String BASE = "/admin/v1/sti-pa";

    private final TrustAnchorService anchors;
    private final PaCrlService crl;
    private final CaListService caList;
    private final TrustSnapshotService snapshots;
    private final Clock clock;

    public TrustAdminHandler(TrustAnchorService anchors, PaCrlService crl, CaListService caList,
                             TrustSnapshotService snapshots, Clock clock) {
        this.anchors = anchors;
        this.crl = crl;
        this.caList = caList;
        this.snapshots = snapshots;
        this.clock = clock;
    }

    @Override
    public void accept(Router router) {
        router.get(BASE + "/trust-anchors").handler(this::list);
        router.post(BASE + "/trust-anchors").handler(this::add);
        router.delete(BASE + "/trust-anchors/:id").handler(this::remove);
        router.post(BASE + "/crl/refresh").handler(this::refreshCrl);
        router.post(BASE + "/ca-list/refresh").handler(this::refreshCaList);
        router.get(BASE + "/status").handler(this::status);
    }

    private void list(RoutingContext ctx) {
        anchors.list().onSuccess(all -> {
            JsonArray items = new JsonArray();
            all.forEach(anchor -> items.add(view(anchor)));
            json(ctx, 200, new JsonObject().put("trustAnchors", items));
        }).onFailure(ctx::fail);
    }

    private void add(RoutingContext ctx) {
        String pem;
        try {
            JsonObject body = ctx.body().asJsonObject();
            pem = body == null ? null : body.getString("certificate");
        } catch (DecodeException | ClassCastException e) {
            pem = null;
        }
        if (pem == null) {
            ctx.fail(new HttpProblem(400, "malformed",
                    "body must be a JSON object like {\"certificate\":\"<PEM>\"}"));
            return;
        }
        anchors.add(pem, "admin").onSuccess(anchor -> json(ctx, 201, view(anchor)))
                .onFailure(ctx::fail);
    }

    private void remove(RoutingContext ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            ctx.fail(new HttpProblem(400, "malformed", "id must be a number"));
            return;
        }
        anchors.remove(id, "admin").onSuccess(v -> ctx.response().setStatusCode(204).end())
                .onFailure(ctx::fail);
    }

    private void refreshCrl(RoutingContext ctx) {
        refreshed(ctx, crl.refresh().map(c -> new JsonObject()
                .put("thisUpdate", c.getThisUpdate().toInstant().toString())
                .put("entries", c.getRevokedCertificates() == null ? 0
                        : c.getRevokedCertificates().size())));
    }

    private void refreshCaList(RoutingContext ctx) {
        refreshed(ctx, caList.refresh().map(list -> new JsonObject()
                .put("sequence", list.sequence()).put("expires", list.expires().toString())
                .put("roots", list.roots().size())));
    }

    private void refreshed(RoutingContext ctx, Future<JsonObject> result) {
        result.onSuccess(body -> json(ctx, 200, body)).onFailure(e -> ctx.fail(
                e instanceof PolicyException policy
                        ? new HttpProblem(422, "trustMaterialRefused", policy.detail())
                        : new HttpProblem(502, "trustFetchFailed", String.valueOf(
                                e.getMessage()))));
    }

    private void status(RoutingContext ctx) {
        TrustSnapshot snapshot = snapshots.get();
        JsonObject body = new JsonObject().put("trustAnchors", snapshot.roots().size())
                .put("status", snapshot.staleness(clock.instant()).isPresent() ? "stale" : "ok");
        snapshot.staleness(clock.instant()).ifPresent(reason -> body.put("reason", reason));
        snapshot.refreshedAt().ifPresent(at -> body.put("crlRefreshedAt", at.toString()));
        caList.current().ifPresent(list -> body.put("caListSequence", list.sequence()));
        json(ctx, 200, body);
    }

    private static JsonObject view(StoredAnchor anchor) {
        return new JsonObject().put("id", anchor.id()).put("sha256", anchor.sha256())
                .put("subject", anchor.certificate().getSubjectX500Principal().getName())
                .put("source", anchor.source()).put("addedAt", anchor.addedAt().toString())
                .put("notAfter", anchor.certificate().getNotAfter().toInstant().toString());
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(body.encode());
    }
}
