package org.stica.server.audit;

import io.vertx.core.Future;

/**
 * Where every security-relevant decision is recorded (issuance, refusals with their reason,
 * revocation, trust-anchor and SP changes, key operations, admin logins and denials). Callers
 * compose on the returned future so that a decision is not reported done before it is recorded.
 */
public interface AuditLog {
    Future<Void> record(AuditEvent event);
}
