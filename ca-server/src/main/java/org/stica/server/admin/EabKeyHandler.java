package org.stica.server.admin;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;
import org.stica.acme.service.EabKeyService;
import org.stica.server.audit.AuditEvent;
import org.stica.server.audit.AuditLog;
import org.stica.server.http.HttpProblem;

/**
 * POST {@code /admin/v1/service-providers/{spc}/eab-keys}: creates a single-use external account
 * binding key (RFC 8555 §7.3.4, STANDARDS.md §5.2.8) for the service provider with that SPC and
 * answers 201 {@code {"kid": "...", "hmacKey": "<base64url>"}}. The HMAC key is shown only in
 * this response; the audit log records the kid and SPC, never the key. A plain Vert.x handler
 * behind the admin bearer authentication.
 */
public final class EabKeyHandler implements Handler<RoutingContext> {
    private final EabKeyService keys;
    private final Pattern spcPattern;
    private final AuditLog audit;

    public EabKeyHandler(EabKeyService keys, Pattern spcPattern, AuditLog audit) {
        this.keys = keys;
        this.spcPattern = spcPattern;
        this.audit = audit;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String spc = ctx.pathParam("spc");
        if (spc == null || !spcPattern.matcher(spc).matches()) {
            ctx.fail(new HttpProblem(400, "malformed",
                    "the SPC does not match the configured SPC pattern"));
            return;
        }
        keys.create(spc)
                .compose(created -> audit.record(new AuditEvent("acme.eab-key.created", "admin",
                        spc, new JsonObject().put("kid", created.kid()))).map(created))
                .onSuccess(created -> ctx.response().setStatusCode(201)
                        .putHeader("Content-Type", "application/json")
                        .putHeader("Cache-Control", "no-store")
                        .end(new JsonObject().put("kid", created.kid())
                                .put("hmacKey", created.hmacKeyBase64Url()).encode()))
                .onFailure(ctx::fail);
    }
}
