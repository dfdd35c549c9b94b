package org.stica.server.admin;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.stica.acme.model.Account;
import org.stica.acme.store.pg.PgAccountStore;
import org.stica.server.audit.AuditEvent;
import org.stica.server.audit.AuditLog;
import org.stica.server.http.HttpProblem;

/**
 * ACME accounts through acme-endpoint's own store (its tables, its SQL):
 * {@code GET /admin/v1/acme/accounts/{id}} and {@code POST .../{id}/deactivate} (RFC 8555
 * §7.3.6: valid → deactivated, audited). Listing all accounts needs a query acme-endpoint does not
 * offer yet: {@code GET /admin/v1/acme/accounts} answers 501.
 */
public final class AcmeAccountsHandler {
    private final PgAccountStore accounts;
    private final AuditLog audit;

    public AcmeAccountsHandler(PgAccountStore accounts, AuditLog audit) {
        this.accounts = accounts;
        this.audit = audit;
    }

    public void list(RoutingContext ctx) {
        ctx.fail(new HttpProblem(501, "notImplemented", "listing ACME accounts is not"
                + " implemented yet; use GET /admin/v1/acme/accounts/{id}"));
    }

    public void one(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        accounts.findById(id)
                .map(found -> found.orElseThrow(() -> notFound(id)))
                .onSuccess(account -> JsonReply.send(ctx, 200, json(account)))
                .onFailure(ctx::fail);
    }

    public void deactivate(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        String actor = ApiKeyHandler.actor(ctx);
        accounts.findById(id)
                .compose(found -> found.isEmpty() ? Future.failedFuture(notFound(id))
                        : accounts.deactivate(id))
                .compose(done -> done.isEmpty()
                        ? Future.failedFuture(new HttpProblem(409, "notValid",
                        "ACME account '" + id + "' is not valid (already deactivated?)"))
                        : audit.record(new AuditEvent("acme.account.deactivated", actor, id,
                        new JsonObject().put("via", "admin"))).map(done.get()))
                .onSuccess(account -> JsonReply.send(ctx, 200, json(account)))
                .onFailure(ctx::fail);
    }

    private static HttpProblem notFound(String id) {
        return new HttpProblem(404, "notFound", "no ACME account '" + id + "'");
    }

    private static JsonObject json(Account a) {
        JsonObject json = new JsonObject().put("id", a.id()).put("status", a.status().wire())
                .put("contact", new JsonArray(a.contact()))
                .put("createdAt", a.createdAt().toString()).put("thumbprint", a.thumbprint());
        a.eabKid().ifPresent(kid -> json.put("eabKid", kid));
        a.eabLabel().ifPresent(label -> json.put("serviceProvider", label));
        return json;
    }
}
