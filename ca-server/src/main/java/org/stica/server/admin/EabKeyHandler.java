package org.stica.server.admin;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.stica.acme.port.SubscriberCheck;
import org.stica.acme.service.EabKeyService;
import org.stica.server.audit.AuditEvent;
import org.stica.server.audit.AuditLog;
import org.stica.server.http.HttpProblem;
import org.stica.server.subscriber.store.pg.PgSubscriberStore;

/**
 * Creates a single-use external account binding key (RFC 8555 §7.3.4, STANDARDS.md §5.2.8) and
 * answers 201 {@code {"kid": "...", "hmacKey": "<base64url>"}}; the HMAC key is shown only in
 * this response and the audit log records the kid and the binding, never the key. Two routes:
 * <ul>
 *   <li>POST {@code /admin/v1/subscribers/{id}/eab-keys} ({@link #forSubscriber}): the account
 *       bound with it belongs to that active subscriber and may order only its SPCs (issue 15);
 *   <li>POST {@code /admin/v1/service-providers/{spc}/eab-keys} ({@link #forSpc}): the
 *       shortcut that binds the account to one SPC (which an active subscriber must still hold).
 * </ul>
 */
public final class EabKeyHandler implements Handler<RoutingContext> {
    private final EabKeyService keys;
    private final Function<RoutingContext, Future<String>> label;
    private final AuditLog audit;

    private EabKeyHandler(EabKeyService keys, Function<RoutingContext, Future<String>> label,
                          AuditLog audit) {
        this.keys = keys;
        this.label = label;
        this.audit = audit;
    }

    /** Keys labelled with the path's SPC (it must match {@code spcPattern}). */
    public static EabKeyHandler forSpc(EabKeyService keys, Pattern spcPattern, AuditLog audit) {
        return new EabKeyHandler(keys, ctx -> {
            String spc = ctx.pathParam("spc");
            return spc != null && spcPattern.matcher(spc).matches() ? Future.succeededFuture(spc)
                    : Future.failedFuture(new HttpProblem(400, "malformed",
                            "the SPC does not match the configured SPC pattern"));
        }, audit);
    }

    /** Keys labelled {@code subscriber:<id>} for the path's subscriber, which must be active. */
    public static EabKeyHandler forSubscriber(EabKeyService keys, PgSubscriberStore registry,
                                              AuditLog audit) {
        return new EabKeyHandler(keys, ctx -> {
            String id = ctx.pathParam("id");
            return registry.find(id).compose(found -> found.isEmpty()
                    ? Future.failedFuture(new HttpProblem(404, "notFound",
                            "no subscriber '" + id + "'"))
                    : !found.get().isActive()
                    ? Future.failedFuture(new HttpProblem(409, "conflict", "subscriber '" + id
                            + "' is " + found.get().status().dbValue() + "; only an active"
                            + " subscriber gets EAB keys"))
                    : Future.succeededFuture(SubscriberCheck.SUBSCRIBER_LABEL_PREFIX + id));
        }, audit);
    }

    @Override
    public void handle(RoutingContext ctx) {
        label.apply(ctx)
                .compose(bound -> keys.create(bound)
                        .compose(created -> audit.record(new AuditEvent("acme.eab-key.created",
                                "admin", bound, new JsonObject().put("kid", created.kid())))
                                .map(created)))
                .onSuccess(created -> ctx.response().setStatusCode(201)
                        .putHeader("Content-Type", "application/json")
                        .putHeader("Cache-Control", "no-store")
                        .end(new JsonObject().put("kid", created.kid())
                                .put("hmacKey", created.hmacKeyBase64Url()).encode()))
                .onFailure(ctx::fail);
    }
}
