package org.stica.server.notify;

import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;

/**
 * A delivery about to be queued: its id, subscriber, event type and the exact body that will be
 * signed and sent, {@code {"id", "type", "createdAt", "subscriberId", "data"}}.
 */
public record NewDelivery(String id, String subscriberId, EventType type, String payload,
                          Instant createdAt) {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new delivery of {@code event} to {@code subscriberId}, created at {@code now}. */
    public static NewDelivery of(String subscriberId, NotificationEvent event, Instant now) {
        String id = newId();
        String payload = new JsonObject().put("id", id).put("type", event.type().wireName())
                .put("createdAt", now.toString()).put("subscriberId", subscriberId)
                .put("data", event.data()).encode();
        return new NewDelivery(id, subscriberId, event.type(), payload, now);
    }

    /** A new delivery id: {@code whd-} and 96 random bits in hex. */
    public static String newId() {
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        return "whd-" + HexFormat.of().formatHex(random);
    }
}
