package org.stica.server.ecosystem;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;

/**
 * One signed export of queued revocations (issue 20): when and by whom it was made, how many
 * revocations it carries, the SHA-256 of the document, and, once the operator submitted it to
 * the STI-PA, when, by whom and under which reference.
 *
 * @param document the signed document (compact JWS); empty in listings
 */
public record ReportExport(long id, Instant createdAt, String createdBy, int entries,
                           String sha256, Optional<Instant> submittedAt,
                           Optional<String> submittedBy, Optional<String> reference,
                           Optional<String> document) {

    /** Whether the operator marked it submitted. */
    public boolean submitted() {
        return submittedAt.isPresent();
    }

    /** As the admin API shows it (without the document). */
    public JsonObject toJson() {
        JsonObject json = new JsonObject().put("id", id).put("createdAt", createdAt.toString())
                .put("createdBy", createdBy).put("entries", entries).put("sha256", sha256)
                .put("status", submitted() ? "submitted" : "exported");
        submittedAt.ifPresent(at -> json.put("submittedAt", at.toString()));
        submittedBy.ifPresent(by -> json.put("submittedBy", by));
        reference.ifPresent(r -> json.put("reference", r));
        return json;
    }
}
