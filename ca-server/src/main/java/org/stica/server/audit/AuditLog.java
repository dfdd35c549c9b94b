package org.stica.server.audit;

import io.vertx.core.Future;

/**
 * Where every security-relevant decision is recorded (issuance, refusals with their reason,
 * revocation, trust-anchor and SP changes, key operations, admin logins and denials). Callers
 * compose on the returned future so that a decision is not reported done before it is recorded.
 */
public interface AuditLog {
    Future<Void> record(AuditEvent event);

    /**
     * Chains the events that state-changing statements wrote into {@code audit_outbox}, atomically
     * with the state they describe (ARCHITECTURE.md §5 item 1); completes once they are chained.
     * A log without an outbox has nothing to drain.
     */
    default Future<Void> drainOutbox() {
        return Future.succeededFuture();
    }
}
