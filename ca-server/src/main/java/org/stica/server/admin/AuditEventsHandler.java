package org.stica.server.admin;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.stica.server.audit.AuditQuery;
import org.stica.server.audit.AuditRecord;
import org.stica.server.audit.AuditVerifier;
import org.stica.server.audit.store.pg.PgAuditStore;
import org.stica.server.http.HttpProblem;

/**
 * {@code GET /admin/v1/audit-events} (filter by {@code type} — exact or a prefix ending in
 * {@code .} — {@code actor}, {@code subject}, {@code since}/{@code until} (RFC 3339), page with
 * {@code limit} and the {@code before} cursor; newest first) and
 * {@code GET /admin/v1/audit-events/verify} (the whole chain; reports the first broken record).
 */
public final class AuditEventsHandler {
    private static final int DEFAULT_LIMIT = 50;

    private final PgAuditStore store;
    private final AuditVerifier verifier;

    public AuditEventsHandler(PgAuditStore store, AuditVerifier verifier) {
        this.store = store;
        this.verifier = verifier;
    }

    public void list(RoutingContext ctx) {
        AuditQuery query = query(ctx.queryParams());
        store.search(query).onSuccess(records -> JsonReply.send(ctx, 200, page(records, query)))
                .onFailure(ctx::fail);
    }

    public void verify(RoutingContext ctx) {
        verifier.verify().onSuccess(result -> JsonReply.send(ctx, 200, result.toJson()))
                .onFailure(ctx::fail);
    }

    private static JsonObject page(List<AuditRecord> records, AuditQuery query) {
        JsonObject body = new JsonObject().put("items",
                new JsonArray(records.stream().map(AuditRecord::toJson).toList()));
        if (records.size() == query.limit()) {
            body.put("next", records.get(records.size() - 1).id());
        }
        return body;
    }

    static AuditQuery query(MultiMap params) {
        int limit = integer(params, "limit").orElse((long) DEFAULT_LIMIT).intValue();
        if (limit < 1 || limit > AuditQuery.MAX_LIMIT) {
            throw new HttpProblem(400, "malformed", "limit must be 1-" + AuditQuery.MAX_LIMIT);
        }
        return new AuditQuery(text(params, "type"), text(params, "actor"),
                text(params, "subject"), instant(params, "since"), instant(params, "until"),
                integer(params, "before"), limit);
    }

    private static Optional<String> text(MultiMap params, String name) {
        return Optional.ofNullable(params.get(name)).filter(s -> !s.isEmpty());
    }

    private static Optional<Long> integer(MultiMap params, String name) {
        try {
            return text(params, name).map(Long::parseLong);
        } catch (NumberFormatException e) {
            throw new HttpProblem(400, "malformed", name + " must be an integer");
        }
    }

    private static Optional<Instant> instant(MultiMap params, String name) {
        try {
            return text(params, name).map(Instant::parse);
        } catch (DateTimeParseException e) {
            throw new HttpProblem(400, "malformed", name + " must be an RFC 3339 UTC time"
                    + " such as 2026-01-31T12:00:00Z");
        }
    }
}
