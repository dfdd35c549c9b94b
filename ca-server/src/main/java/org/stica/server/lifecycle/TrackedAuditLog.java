package org.stica.server.lifecycle;

import io.vertx.core.Future;
import java.util.function.Supplier;
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
        return tracked("audit append " + event.type(), () -> log.record(event));
    }

    @Override
    public Future<Void> drainOutbox() {
        return tracked("audit outbox drain", log::drainOutbox);
    }

    private Future<Void> tracked(String what, Supplier<Future<Void>> append) {
        InFlight.Ticket ticket = inFlight.begin(what);
        try {
            return append.get().andThen(done -> ticket.end());
        } catch (RuntimeException e) {
            ticket.end();
            throw e;
        }
    }
}
