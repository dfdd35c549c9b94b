package org.stica.server.audit;

import io.vertx.core.json.JsonObject;

/**
 * One security-relevant decision (STANDARDS.md §4.5 item 3): what happened ({@code type}, e.g.
 * {@code certificate.issued}, {@code spc-token.refused}, {@code admin.denied}), who caused it
 * ({@code actor}: an account id, an admin key id, {@code system}), what it is about
 * ({@code subject}: a serial, an SPC, a jti) and the details (no secrets, no key material).
 */
public record AuditEvent(String type, String actor, String subject, JsonObject details) {
    public AuditEvent {
        details = details == null ? new JsonObject() : details.copy();
    }

    public static AuditEvent of(String type, String actor, String subject) {
        return new AuditEvent(type, actor, subject, new JsonObject());
    }
}
