package org.stica.server.pa;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.stica.server.http.HttpProblem;

/**
 * Admin routes of the SP registry: {@code GET/POST /admin/v1/service-providers},
 * {@code GET/PATCH /admin/v1/service-providers/{spc}},
 * {@code POST /admin/v1/service-providers/{spc}/revoke}, and
 * {@code POST /admin/v1/pa/ca-list} (publish a new signed CA list). Create answers the API key
 * once ({@code apiKey}); it is never shown again.
 */
public final class ServiceProviderAdminHandler implements Consumer<Router> {
    private static final String BASE = "/admin/v1/service-providers";

    private final ServiceProviderService registry;
    private final CaListPublisher caLists;

    public ServiceProviderAdminHandler(ServiceProviderService registry,
                                       CaListPublisher caLists) {
        this.registry = registry;
        this.caLists = caLists;
    }

    @Override
    public void accept(Router router) {
        router.get(BASE).handler(this::list);
        router.post(BASE).handler(this::create);
        router.get(BASE + "/:spc").handler(this::get);
        router.patch(BASE + "/:spc").handler(this::update);
        router.post(BASE + "/:spc/revoke").handler(this::revoke);
        router.post("/admin/v1/pa/ca-list").handler(this::publishCaList);
    }

    private void list(RoutingContext ctx) {
        registry.list().onSuccess(all -> {
            JsonArray items = new JsonArray();
            all.forEach(sp -> items.add(view(sp)));
            json(ctx, 200, new JsonObject().put("serviceProviders", items));
        }).onFailure(ctx::fail);
    }

    private void create(RoutingContext ctx) {
        JsonObject body = body(ctx);
        ServiceProvider requested = new ServiceProvider(body.getString("spc"),
                body.getString("name"), ServiceProvider.Status.ACTIVE, fingerprints(body),
                Boolean.TRUE.equals(body.getValue("scaAllowed")));
        registry.create(requested, "admin")
                .onSuccess(created -> json(ctx, 201, view(created.serviceProvider())
                        .put("apiKey", created.apiKey())))
                .onFailure(ctx::fail);
    }

    private void get(RoutingContext ctx) {
        registry.get(ctx.pathParam("spc")).onSuccess(sp -> json(ctx, 200, view(sp)))
                .onFailure(ctx::fail);
    }

    private void update(RoutingContext ctx) {
        JsonObject body = body(ctx);
        registry.get(ctx.pathParam("spc"))
                .compose(current -> registry.update(new ServiceProvider(current.spc(),
                        body.getString("name", current.name()), current.status(),
                        body.containsKey("accountFingerprints") ? fingerprints(body)
                                : current.accountFingerprints(),
                        body.containsKey("scaAllowed")
                                ? Boolean.TRUE.equals(body.getValue("scaAllowed"))
                                : current.scaAllowed()), "admin"))
                .onSuccess(sp -> json(ctx, 200, view(sp)))
                .onFailure(ctx::fail);
    }

    private void revoke(RoutingContext ctx) {
        String spc = ctx.pathParam("spc");
        registry.revoke(spc, "admin")
                .onSuccess(count -> json(ctx, 200, new JsonObject().put("spc", spc)
                        .put("status", "revoked").put("certificatesRevoked", count)))
                .onFailure(ctx::fail);
    }

    private void publishCaList(RoutingContext ctx) {
        caLists.publish("admin").onSuccess(list -> json(ctx, 201, new JsonObject()
                        .put("sequence", list.sequence())
                        .put("expires", list.expires().toString())))
                .onFailure(ctx::fail);
    }

    private static JsonObject body(RoutingContext ctx) {
        try {
            JsonObject body = ctx.body().asJsonObject();
            if (body == null) {
                throw new HttpProblem(400, "malformed", "body must be a JSON object");
            }
            return body;
        } catch (DecodeException | ClassCastException e) {
            throw new HttpProblem(400, "malformed", "body must be a JSON object");
        }
    }

    private static List<String> fingerprints(JsonObject body) {
        List<String> list = new ArrayList<>();
        try {
            JsonArray array = body.getJsonArray("accountFingerprints", new JsonArray());
            for (Object item : array) {
                if (!(item instanceof String text)) {
                    throw new HttpProblem(400, "malformed",
                            "accountFingerprints must be an array of strings");
                }
                list.add(text);
            }
        } catch (ClassCastException e) {
            throw new HttpProblem(400, "malformed", "accountFingerprints must be an array");
        }
        return list;
    }

    private static JsonObject view(ServiceProvider sp) {
        return new JsonObject().put("spc", sp.spc()).put("name", sp.name())
                .put("status", sp.status().name().toLowerCase(java.util.Locale.ROOT))
                .put("accountFingerprints", new JsonArray(sp.accountFingerprints()))
                .put("scaAllowed", sp.scaAllowed());
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(body.encode());
    }
}
