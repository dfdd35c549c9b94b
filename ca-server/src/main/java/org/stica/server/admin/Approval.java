package org.stica.server.admin;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;

/**
 * A dual-control approval: a sensitive request ({@code method path}, body hash) asked for by one
 * admin key, approved by a different one, executed once.
 */
public record Approval(String id, String operation, String method, String path, String bodySha256,
                       String requestedBy, Instant requestedAt, String status,
                       Optional<String> approvedBy) {

    public JsonObject toJson() {
        JsonObject json = new JsonObject().put("id", id).put("operation", operation)
                .put("method", method).put("path", path).put("requestedBy", requestedBy)
                .put("requestedAt", requestedAt.toString()).put("status", status);
        approvedBy.ifPresent(a -> json.put("approvedBy", a));
        return json;
    }
}
