package org.stica.server.lifecycle;

import io.vertx.core.Future;
import org.stica.server.audit.AuditEvent;
import org.stica.server.audit.AuditLog;

/**
 * The audit log with every append counted in {@link InFlight} until it is stored, so a drain
 * waits for the audit records of the work it let finish before the database pool closes.
 */
public final class TrackedAuditLog implements AuditLog {
    private final AuditLog log;
    private final InFlight inFlight;

    public TrackedAuditLog(AuditLog log, InFlight inFlight) {
        this.log = log;
        this.inFlight = inFlight;
    }

    @Override
    public Future<Void> record(AuditEvent event) {
        InFlight.Ticket ticket = inFlight.begin("audit append " + event.type());
        try {
            return log.record(event).andThen(done -> ticket.end());
        } catch (RuntimeException e) {
            ticket.end();
            throw e;
        }
    }
}
