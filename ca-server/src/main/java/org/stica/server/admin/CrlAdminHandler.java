package org.stica.server.admin;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.stica.crl.CrlModule;
import org.stica.crl.publish.CrlStatus;
import org.stica.server.audit.AuditEvent;
import org.stica.server.audit.AuditLog;
import org.stica.server.http.HttpProblem;

/**
 * The CRL resources of the admin API (STANDARDS.md §6.2, §6.4): {@code GET /admin/v1/crls}
 * reports the CRL served now ({@code number}, {@code thisUpdate}, {@code nextUpdate},
 * {@code entries}, {@code sha256}, {@code pending}); {@code POST /admin/v1/crls/publish} builds,
 * signs, checks and stores a new CRL at once (recorded as {@code crl.published}) and answers with
 * its status. Before the first CRL, GET answers a 503 problem document.
 */
public final class CrlAdminHandler {
    private final CrlModule crl;
    private final AuditLog audit;

    public CrlAdminHandler(CrlModule crl, AuditLog audit) {
        this.crl = crl;
        this.audit = audit;
    }

    /** GET /admin/v1/crls. */
    public void status(RoutingContext ctx) {
        crl.status().onSuccess(status -> respond(ctx, status)).onFailure(ctx::fail);
    }

    /** POST /admin/v1/crls/publish. */
    public void publish(RoutingContext ctx) {
        crl.publishNow()
                .compose(done -> crl.status())
                .compose(status -> recorded(status).map(status))
                .onSuccess(status -> respond(ctx, status))
                .onFailure(ctx::fail);
    }

    private Future<Void> recorded(Optional<CrlStatus> status) {
        JsonObject details = status.map(CrlAdminHandler::toJson).orElseGet(JsonObject::new);
        return audit.record(new AuditEvent("crl.published", "admin",
                status.map(s -> s.number().toString()).orElse("none"), details));
    }

    private static void respond(RoutingContext ctx, Optional<CrlStatus> status) {
        if (status.isEmpty()) {
            ctx.fail(new HttpProblem(503, "crlNotPublished", "no CRL has been published yet"));
            return;
        }
        ctx.response().putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store")
                .end(toJson(status.get()).encode());
    }

    private static JsonObject toJson(CrlStatus status) {
        return new JsonObject()
                .put("number", status.number().toString())
                .put("thisUpdate", status.thisUpdate().toString())
                .put("nextUpdate", status.nextUpdate().toString())
                .put("entries", status.entries())
                .put("sha256", status.sha256())
                .put("pending", status.pending());
    }
}
