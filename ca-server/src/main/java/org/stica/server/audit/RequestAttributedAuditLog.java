package org.stica.server.audit;

import io.vertx.core.Future;

/**
 * An {@link AuditLog} that adds the id of the HTTP request an event is recorded for to the
 * event's details ({@link RequestAttribution}) before the log it wraps chains it. Draining the
 * outbox adds nothing: those events were attributed when their statement wrote them.
 */
public final class RequestAttributedAuditLog implements AuditLog {
    private final AuditLog log;

    public RequestAttributedAuditLog(AuditLog log) {
        this.log = log;
    }

    @Override
    public Future<Void> record(AuditEvent event) {
        return log.record(RequestAttribution.of(event));
    }

    @Override
    public Future<Void> drainOutbox() {
        return log.drainOutbox();
    }
}
