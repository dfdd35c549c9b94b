package org.stica.server.subscriber;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.stica.server.admin.AdminPrincipal;
import org.stica.server.admin.JsonReply;
import org.stica.server.admin.JsonRequest;
import org.stica.server.http.HttpProblem;

/**
 * Admin routes of the subscriber registry (issue 15), behind the admin API's keys, roles, dual
 * control and OpenAPI contract check:
 * {@code GET/POST /admin/v1/subscribers} (list: {@code status}, {@code spc}, {@code offset},
 * {@code limit}; newest first, {@code nextOffset} when more may follow),
 * {@code GET/PATCH /admin/v1/subscribers/{id}} (PATCH replaces the fields given; an empty or
 * null {@code state}/{@code locality} clears it) and
 * {@code POST /admin/v1/subscribers/{id}/suspend|reactivate|terminate}.
 */
public final class SubscriberAdminHandler implements Consumer<Router> {
    /** The collection path. */
    public static final String BASE = "/admin/v1/subscribers";
    private static final int DEFAULT_LIMIT = 50;

    private final SubscriberService registry;

    public SubscriberAdminHandler(SubscriberService registry) {
        this.registry = registry;
    }

    @Override
    public void accept(Router router) {
        router.get(BASE).handler(this::list);
        router.post(BASE).handler(this::create);
        router.get(BASE + "/:id").handler(this::get);
        router.patch(BASE + "/:id").handler(this::update);
        router.post(BASE + "/:id/suspend").handler(ctx -> reply(ctx,
                registry.suspend(ctx.pathParam("id"), actor(ctx))));
        router.post(BASE + "/:id/reactivate").handler(ctx -> reply(ctx,
                registry.reactivate(ctx.pathParam("id"), actor(ctx))));
        router.post(BASE + "/:id/terminate").handler(this::terminate);
    }

    private void list(RoutingContext ctx) {
        SubscriberQuery query = query(ctx.queryParams());
        registry.list(query).onSuccess(page -> {
            JsonObject body = new JsonObject().put("items", new JsonArray(page.stream()
                    .map(SubscriberAdminHandler::view).toList()));
            if (page.size() == query.limit()) {
                body.put("nextOffset", query.offset() + query.limit());
            }
            JsonReply.send(ctx, 200, body);
        }).onFailure(ctx::fail);
    }

    private void create(RoutingContext ctx) {
        JsonObject body = body(ctx);
        SubscriberDetails details = new SubscriberDetails(string(body, "legalName"),
                string(body, "country"), optional(body, "state"), optional(body, "locality"),
                strings(body, "spcs").orElse(List.of()),
                strings(body, "contacts").orElse(List.of()));
        registry.create(details, actor(ctx))
                .onSuccess(s -> JsonReply.send(ctx, 201, view(s)))
                .onFailure(ctx::fail);
    }

    private void get(RoutingContext ctx) {
        reply(ctx, registry.get(ctx.pathParam("id")));
    }

    private void update(RoutingContext ctx) {
        JsonObject body = body(ctx);
        String id = ctx.pathParam("id");
        reply(ctx, registry.get(id).compose(current -> registry.update(id,
                merged(current.details(), body), actor(ctx))));
    }

    private void terminate(RoutingContext ctx) {
        registry.terminate(ctx.pathParam("id"), actor(ctx))
                .onSuccess(t -> JsonReply.send(ctx, 200, view(t.subscriber())
                        .put("certificatesRevoked", t.revokedSerials().size())
                        .put("revokedSerials", new JsonArray(t.revokedSerials()))))
                .onFailure(ctx::fail);
    }

    private static SubscriberDetails merged(SubscriberDetails current, JsonObject body) {
        return new SubscriberDetails(
                body.containsKey("legalName") ? string(body, "legalName") : current.legalName(),
                body.containsKey("country") ? string(body, "country") : current.country(),
                body.containsKey("state") ? optional(body, "state") : current.state(),
                body.containsKey("locality") ? optional(body, "locality") : current.locality(),
                strings(body, "spcs").orElse(current.spcs()),
                strings(body, "contacts").orElse(current.contacts()));
    }

    static SubscriberQuery query(MultiMap params) {
        Optional<SubscriberStatus> status = text(params, "status").map(s -> SubscriberStatus
                .fromDb(s).orElseThrow(() -> malformed(
                        "status must be active, suspended or terminated")));
        int limit = number(params, "limit", DEFAULT_LIMIT);
        int offset = number(params, "offset", 0);
        if (limit < 1 || limit > SubscriberQuery.MAX_LIMIT || offset < 0) {
            throw malformed("limit must be 1-" + SubscriberQuery.MAX_LIMIT
                    + " and offset not negative");
        }
        return new SubscriberQuery(status, text(params, "spc"), offset, limit);
    }

    /** The JSON form of a subscriber (schema {@code Subscriber} of the admin contract). */
    public static JsonObject view(Subscriber s) {
        JsonObject json = new JsonObject().put("id", s.id()).put("legalName", s.legalName())
                .put("country", s.country());
        s.state().ifPresent(v -> json.put("state", v));
        s.locality().ifPresent(v -> json.put("locality", v));
        return json.put("status", s.status().dbValue()).put("spcs", new JsonArray(s.spcs()))
                .put("contacts", new JsonArray(s.contacts()))
                .put("createdAt", s.createdAt().toString()).put("createdBy", s.createdBy())
                .put("changedAt", s.changedAt().toString()).put("changedBy", s.changedBy());
    }

    private static void reply(RoutingContext ctx, Future<Subscriber> result) {
        result.onSuccess(s -> JsonReply.send(ctx, 200, view(s))).onFailure(ctx::fail);
    }

    private static String actor(RoutingContext ctx) {
        return AdminPrincipal.of(ctx).map(AdminPrincipal::actor).orElse("admin");
    }

    private static JsonObject body(RoutingContext ctx) {
        return JsonRequest.object(ctx);
    }

    private static String string(JsonObject body, String name) {
        Object value = body.getValue(name);
        if (value != null && !(value instanceof String)) {
            throw malformed(name + " must be a string");
        }
        return (String) value;
    }

    /** Absent, null and "" all mean "not recorded". */
    private static Optional<String> optional(JsonObject body, String name) {
        return Optional.ofNullable(string(body, name)).filter(s -> !s.isEmpty());
    }

    private static Optional<List<String>> strings(JsonObject body, String name) {
        return JsonRequest.strings(body, name);
    }

    private static Optional<String> text(MultiMap params, String name) {
        return Optional.ofNullable(params.get(name)).filter(s -> !s.isEmpty());
    }

    private static int number(MultiMap params, String name, int fallback) {
        try {
            return text(params, name).map(Integer::parseInt).orElse(fallback);
        } catch (NumberFormatException e) {
            throw malformed(name + " must be an integer");
        }
    }

    private static HttpProblem malformed(String detail) {
        return new HttpProblem(400, "malformed", detail);
    }
}
