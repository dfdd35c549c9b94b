package org.stica.server.notify;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One entry of the delivery log: the event sent (its body), the status, how many attempts were
 * made, when the next one is due, the last HTTP status and error, and when it was delivered.
 *
 * @param seq the log position (newer deliveries have larger values; the paging cursor)
 */
public record Delivery(String id, long seq, String subscriberId, EventType type, String payload,
                       DeliveryStatus status, int attempts, Instant nextAttemptAt,
                       OptionalInt lastStatus, Optional<String> lastError, Instant createdAt,
                       Optional<Instant> deliveredAt) {
    public JsonObject toJson() {
        JsonObject json = new JsonObject().put("id", id).put("subscriberId", subscriberId)
                .put("eventType", type.wireName()).put("status", status.wireName())
                .put("attempts", attempts).put("createdAt", createdAt.toString())
                .put("event", new JsonObject(payload));
        if (status == DeliveryStatus.PENDING) {
            json.put("nextAttemptAt", nextAttemptAt.toString());
        }
        lastStatus.ifPresent(s -> json.put("lastStatus", s));
        lastError.ifPresent(e -> json.put("lastError", e));
        deliveredAt.ifPresent(t -> json.put("deliveredAt", t.toString()));
        return json;
    }
}
