package org.stica.server.admin;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.stica.server.audit.AuditEvent;
import org.stica.server.audit.AuditLog;
import org.stica.server.http.HttpProblem;
import org.stica.server.notify.Delivery;
import org.stica.server.notify.DeliveryStatus;
import org.stica.server.notify.Webhook;
import org.stica.server.notify.WebhookSecret;
import org.stica.server.notify.WebhookStore;
import org.stica.server.notify.WebhookUrlPolicy;

/**
 * A subscriber's webhook (issue 15): {@code PUT /admin/v1/subscribers/{id}/webhook}
 * {@code {"url"}} registers it or replaces it and rotates the secret (201 when new, 200 when
 * replaced; the body carries the HMAC {@code secret}, shown only in this response; audited as
 * {@code webhook.registered} without it), {@code DELETE} removes it (204; pending deliveries
 * fail; {@code webhook.removed}), {@code GET} shows url and creation (never the secret),
 * {@code GET .../webhook/deliveries} the delivery log (newest first, {@code limit},
 * {@code before} cursor, optional {@code status}), and
 * {@code POST /admin/v1/webhook-deliveries/{deliveryId}/redeliver} makes a delivered or failed
 * delivery pending again now ({@code webhook.redelivered}; 409 when pending or the webhook is
 * gone).
 */
public final class WebhookHandler {
    private static final String BASE = "/admin/v1/subscribers/:id/webhook";
    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 200;

    private final WebhookStore store;
    private final WebhookUrlPolicy urls;
    private final AuditLog audit;
    private final Clock clock;

    public WebhookHandler(WebhookStore store, WebhookUrlPolicy urls, AuditLog audit,
                          Clock clock) {
        this.store = store;
        this.urls = urls;
        this.audit = audit;
        this.clock = clock;
    }

    /** Mounts the five routes (behind the admin gate). */
    public void mount(Router router) {
        router.put(BASE).handler(this::register);
        router.delete(BASE).handler(this::remove);
        router.get(BASE).handler(this::show);
        router.get(BASE + "/deliveries").handler(this::deliveries);
        router.post("/admin/v1/webhook-deliveries/:deliveryId/redeliver")
                .handler(this::redeliver);
    }

    void register(RoutingContext ctx) {
        String subscriber = ctx.pathParam("id");
        String url = ctx.body().asJsonObject().getString("url");
        Optional<String> refused = urls.problem(url);
        if (refused.isPresent()) {
            throw new HttpProblem(400, "malformed", refused.get());
        }
        String actor = ApiKeyHandler.actor(ctx);
        Webhook webhook = new Webhook(subscriber, url, clock.instant(), actor);
        String secret = WebhookSecret.generate();
        store.register(webhook, secret)
                .compose(created -> audit.record(new AuditEvent("webhook.registered", actor,
                        subscriber, new JsonObject().put("url", url).put("rotated", !created)))
                        .map(created))
                .onSuccess(created -> JsonReply.send(ctx, created ? 201 : 200,
                        webhook.toJson().put("secret", secret)))
                .onFailure(ctx::fail);
    }

    void remove(RoutingContext ctx) {
        String subscriber = ctx.pathParam("id");
        String actor = ApiKeyHandler.actor(ctx);
        store.remove(subscriber, clock.instant())
                .compose(removed -> removed
                        ? audit.record(new AuditEvent("webhook.removed", actor, subscriber,
                        new JsonObject()))
                        : Future.failedFuture(noWebhook(subscriber)))
                .onSuccess(v -> ctx.response().setStatusCode(204).end())
                .onFailure(ctx::fail);
    }

    void show(RoutingContext ctx) {
        String subscriber = ctx.pathParam("id");
        store.find(subscriber)
                .compose(found -> found.map(Future::succeededFuture)
                        .orElseGet(() -> Future.failedFuture(noWebhook(subscriber))))
                .onSuccess(webhook -> JsonReply.send(ctx, 200, webhook.toJson()))
                .onFailure(ctx::fail);
    }

    void deliveries(RoutingContext ctx) {
        int limit = QueryParameters.number(ctx.queryParams(), "limit", DEFAULT_LIMIT);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new HttpProblem(400, "malformed", "limit must be 1-" + MAX_LIMIT);
        }
        Optional<Long> before = QueryParameters.text(ctx.queryParams(), "before")
                .map(WebhookHandler::cursor);
        Optional<DeliveryStatus> status = QueryParameters.text(ctx.queryParams(), "status")
                .map(WebhookHandler::status);
        store.deliveries(ctx.pathParam("id"), status, before, limit)
                .onSuccess(items -> JsonReply.send(ctx, 200, page(items, limit)))
                .onFailure(ctx::fail);
    }

    void redeliver(RoutingContext ctx) {
        String id = ctx.pathParam("deliveryId");
        String actor = ApiKeyHandler.actor(ctx);
        store.delivery(id)
                .compose(found -> found.isPresent() ? store.redeliver(id, clock.instant())
                        : Future.failedFuture(new HttpProblem(404, "notFound",
                        "no webhook delivery '" + id + "'")))
                .compose(done -> done.map(Future::succeededFuture)
                        .orElseGet(() -> Future.failedFuture(new HttpProblem(409, "conflict",
                                "the delivery is still pending, or its subscriber no longer"
                                        + " has a webhook"))))
                .compose(delivery -> audit.record(new AuditEvent("webhook.redelivered", actor,
                        id, new JsonObject().put("subscriberId", delivery.subscriberId())
                        .put("eventType", delivery.type().wireName()))).map(delivery))
                .onSuccess(delivery -> JsonReply.send(ctx, 200, delivery.toJson()))
                .onFailure(ctx::fail);
    }

    private static JsonObject page(List<Delivery> items, int limit) {
        JsonObject body = new JsonObject().put("items",
                new JsonArray(items.stream().map(Delivery::toJson).toList()));
        if (items.size() == limit) {
            body.put("next", items.get(items.size() - 1).seq());
        }
        return body;
    }

    private static long cursor(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new HttpProblem(400, "malformed", "before must be an integer");
        }
    }

    private static DeliveryStatus status(String text) {
        try {
            return DeliveryStatus.fromWire(text);
        } catch (IllegalArgumentException e) {
            throw new HttpProblem(400, "malformed", "status must be pending, delivered or"
                    + " failed");
        }
    }

    private static HttpProblem noWebhook(String subscriber) {
        return new HttpProblem(404, "notFound", "subscriber '" + subscriber
                + "' has no webhook");
    }
}
