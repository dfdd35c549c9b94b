package org.stica.server.audit;

import io.vertx.core.Future;

/**
 * Moves the events waiting in {@code audit_outbox} (written atomically with the state they
 * describe, ARCHITECTURE.md §5 item 1) into the audit chain; completes once they are chained.
 * A failed drain leaves them in the outbox for the next one.
 */
@FunctionalInterface
public interface AuditOutbox {
    Future<Void> drain();
}
