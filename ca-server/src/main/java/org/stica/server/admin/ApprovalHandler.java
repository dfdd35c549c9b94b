package org.stica.server.admin;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import org.stica.server.audit.AuditEvent;
import org.stica.server.audit.AuditLog;
import org.stica.server.http.HttpProblem;

/**
 * {@code GET /admin/v1/approvals} (pending) and {@code POST /admin/v1/approvals/{id}/approve}:
 * a second admin key, different from the requester's, approves a dual-control request.
 */
public final class ApprovalHandler {
    private final ApprovalStore approvals;
    private final AuditLog audit;
    private final Clock clock;

    public ApprovalHandler(ApprovalStore approvals, AuditLog audit, Clock clock) {
        this.approvals = approvals;
        this.audit = audit;
        this.clock = clock;
    }

    public void pending(RoutingContext ctx) {
        approvals.pending().onSuccess(all -> JsonReply.send(ctx, 200, new JsonObject()
                .put("items", new JsonArray(all.stream().map(Approval::toJson).toList()))))
                .onFailure(ctx::fail);
    }

    /** A 403 like every other admin denial, recorded as {@code admin.denied} first. */
    private Future<Boolean> selfApproval(RoutingContext ctx, AdminPrincipal who, String id) {
        String reason = "dual control: the requester may not approve their own request";
        return audit.record(new AuditEvent("admin.denied", who.actor(), ctx.request().path(),
                        new JsonObject().put("method", "POST").put("status", 403)
                                .put("route", "POST /admin/v1/approvals/:id/approve")
                                .put("reason", reason).put("keyId", who.keyId())
                                .put("approval", id)
                                .put("remote", AdminAccessHandler.remote(ctx))))
                .transform(v -> Future.failedFuture(new HttpProblem(403, "sameApprover",
                        reason)));
    }

    public void approve(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        AdminPrincipal who = AdminPrincipal.of(ctx).orElseThrow();
        approvals.find(id)
                .compose(found -> found.isEmpty() ? Future.failedFuture(new HttpProblem(404,
                        "notFound", "no approval '" + id + "'"))
                        : found.get().requestedBy().equals(who.keyId())
                        ? selfApproval(ctx, who, id)
                        : approvals.approve(id, who.keyId(), clock.instant()))
                .compose(ok -> ok ? audit.record(new AuditEvent("admin.approval-approved",
                        who.actor(), id, new JsonObject())).compose(v -> approvals.find(id))
                        : Future.failedFuture(new HttpProblem(409, "notPending",
                        "approval '" + id + "' is not pending")))
                .onSuccess(a -> JsonReply.send(ctx, 200, a.orElseThrow().toJson()))
                .onFailure(ctx::fail);
    }
}
