package org.stica.server.admin;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;

/** An admin API key as stored (never its secret: only the SHA-256 of it is kept). */
public record ApiKey(String id, String name, AdminRole role, Instant createdAt, String createdBy,
                     Optional<Instant> revokedAt) {

    public JsonObject toJson() {
        JsonObject json = new JsonObject().put("id", id).put("name", name)
                .put("role", role.wireName()).put("createdAt", createdAt.toString())
                .put("createdBy", createdBy).put("status", revokedAt.isPresent() ? "revoked"
                        : "active");
        revokedAt.ifPresent(t -> json.put("revokedAt", t.toString()));
        return json;
    }
}
