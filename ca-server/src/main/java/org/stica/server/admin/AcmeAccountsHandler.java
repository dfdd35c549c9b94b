package org.stica.server.admin;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.stica.acme.model.Account;
import org.stica.acme.model.AccountStatus;
import org.stica.acme.store.pg.PgAccountSearch;
import org.stica.acme.store.pg.PgAccountStore;
import org.stica.server.audit.AuditEvent;
import org.stica.server.audit.AuditLog;
import org.stica.server.http.HttpProblem;

/**
 * ACME accounts through acme-endpoint's own stores (its tables, its SQL):
 * {@code GET /admin/v1/acme/accounts?status=&spc=&since=&offset=&limit=} (newest first; {@code spc}
 * is the service provider the account's external account binding named),
 * {@code GET /admin/v1/acme/accounts/{id}} and {@code POST .../{id}/deactivate} (RFC 8555
 * §7.3.6: valid → deactivated, audited).
 */
public final class AcmeAccountsHandler {
    private static final Pattern SPC = Pattern.compile("^[A-Za-z0-9]{1,16}$");
    private static final int DEFAULT_LIMIT = 50;

    private final PgAccountStore accounts;
    private final PgAccountSearch search;
    private final AuditLog audit;

    public AcmeAccountsHandler(PgAccountStore accounts, PgAccountSearch search, AuditLog audit) {
        this.accounts = accounts;
        this.search = search;
        this.audit = audit;
    }

    public void list(RoutingContext ctx) {
        PgAccountSearch.Query query = query(ctx.queryParams());
        search.search(query).onSuccess(page -> JsonReply.send(ctx, 200, page(page, query)))
                .onFailure(ctx::fail);
    }

    private static JsonObject page(List<Account> items, PgAccountSearch.Query query) {
        JsonObject body = new JsonObject().put("items",
                new JsonArray(items.stream().map(AcmeAccountsHandler::json).toList()));
        if (items.size() == query.limit()) {
            body.put("nextOffset", query.offset() + query.limit());
        }
        return body;
    }

    static PgAccountSearch.Query query(MultiMap params) {
        Optional<String> status = QueryParameters.text(params, "status");
        if (status.isPresent() && !status.get().matches("^(valid|deactivated|revoked)$")) {
            throw new HttpProblem(400, "malformed", "status must be valid, deactivated or revoked");
        }
        Optional<String> spc = QueryParameters.text(params, "spc");
        if (spc.isPresent() && !SPC.matcher(spc.get()).matches()) {
            throw new HttpProblem(400, "malformed", "spc must be 1-16 letters or digits");
        }
        int limit = QueryParameters.number(params, "limit", DEFAULT_LIMIT);
        int offset = QueryParameters.number(params, "offset", 0);
        if (limit < 1 || limit > PgAccountSearch.MAX_LIMIT || offset < 0) {
            throw new HttpProblem(400, "malformed", "limit must be 1-" + PgAccountSearch.MAX_LIMIT
                    + " and offset not negative");
        }
        return new PgAccountSearch.Query(status.map(AccountStatus::fromWire), spc,
                QueryParameters.instant(params, "since"), offset, limit);
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
