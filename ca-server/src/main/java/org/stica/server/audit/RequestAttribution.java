package org.stica.server.audit;

import io.vertx.core.json.JsonObject;
import org.stica.server.trace.RequestScope;

/**
 * Ties an audit event to the HTTP request that caused it (issue 17): the request's id
 * ({@link RequestScope#currentId()}) goes into the event's details as {@value #DETAIL}, the
 * value the request's {@code X-Request-Id} response header carried. Events of timers and
 * sweepers have none. The id is one more detail, so the record's hash covers it like the rest.
 */
public final class RequestAttribution {
    /** The details key. */
    public static final String DETAIL = "requestId";

    private RequestAttribution() {
    }

    /** {@code event} with the current request's id in its details, when there is one. */
    public static AuditEvent of(AuditEvent event) {
        JsonObject attribution = current();
        if (attribution.isEmpty() || event.details().containsKey(DETAIL)) {
            return event;
        }
        return new AuditEvent(event.type(), event.actor(), event.subject(),
                event.details().copy().mergeIn(attribution));
    }

    /**
     * {@code {"requestId": …}} for the current request, {@code {}} outside one: for statements
     * that write their event into {@code audit_outbox} themselves, which merge it into the
     * details they build ({@code (details)::jsonb || #{attribution}::text::jsonb}).
     */
    public static JsonObject current() {
        return RequestScope.currentId()
                .map(id -> new JsonObject().put(DETAIL, id.value()))
                .orElseGet(JsonObject::new);
    }
}
