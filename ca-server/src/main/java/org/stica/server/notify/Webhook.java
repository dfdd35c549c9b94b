package org.stica.server.notify;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** A subscriber's registered webhook, without its secret (what the admin API lists). */
public record Webhook(String subscriberId, String url, Instant createdAt, String createdBy) {
    public JsonObject toJson() {
        return new JsonObject().put("subscriberId", subscriberId).put("url", url)
                .put("createdAt", createdAt.toString()).put("createdBy", createdBy);
    }
}
