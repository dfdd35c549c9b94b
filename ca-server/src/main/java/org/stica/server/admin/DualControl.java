package org.stica.server.admin;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import org.stica.server.audit.AuditEvent;
import org.stica.server.audit.AuditLog;
import org.stica.server.http.HttpProblem;

/**
 * Dual control of sensitive operations ({@code admin.dualControl}; issue 6: revoking a CA key,
 * deleting a trust anchor, mass revocation by SPC). A sensitive request without an
 * {@code Approval-Id} header creates a pending approval and answers 202 with it; a second,
 * different admin key approves it ({@code POST /admin/v1/approvals/{id}/approve}); the same
 * request (method, path and body) sent again with {@code Approval-Id} then runs once.
 */
public final class DualControl {
    /** The request header naming an approved approval. */
    public static final String HEADER = "Approval-Id";

    private final ApprovalStore approvals;
    private final AuditLog audit;
    private final Clock clock;

    public DualControl(ApprovalStore approvals, AuditLog audit, Clock clock) {
        this.approvals = approvals;
        this.audit = audit;
        this.clock = clock;
    }

    /** True when the request may proceed; otherwise the response was sent or failed. */
    Future<Boolean> check(RoutingContext ctx, AdminPrincipal who, AdminRoute route) {
        String method = ctx.request().method().name();
        String path = ctx.request().path();
        String bodyHash = ApiKeySecrets.hash(ctx.body().length() > 0 ? ctx.body().asString()
                : "");
        String approvalId = ctx.request().getHeader(HEADER);
        if (approvalId == null) {
            Approval approval = new Approval(ApiKeySecrets.newId("apr-"), route.operation(),
                    method, path, bodyHash, who.keyId(), clock.instant(), "pending",
                    java.util.Optional.empty());
            return approvals.insert(approval)
                    .compose(v -> audit.record(new AuditEvent("admin.approval-requested",
                            who.actor(), approval.id(), new JsonObject()
                            .put("operation", route.operation()).put("path", path))))
                    .map(v -> {
                        ctx.response().setStatusCode(202)
                                .putHeader("Content-Type", "application/json")
                                .putHeader("Cache-Control", "no-store")
                                .end(approval.toJson().encode());
                        return false;
                    });
        }
        return approvals.consume(approvalId, method, path, bodyHash).compose(ok -> ok
                ? audit.record(new AuditEvent("admin.approval-executed", who.actor(),
                        approvalId, new JsonObject().put("operation", route.operation())))
                        .map(true)
                : Future.failedFuture(new HttpProblem(409, "approvalRequired", "approval '"
                        + approvalId + "' is not approved for this exact request, or was"
                        + " already used")));
    }
}
