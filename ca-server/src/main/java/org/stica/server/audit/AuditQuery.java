package org.stica.server.audit;

import java.time.Instant;
import java.util.Optional;

/**
 * A filter and page over the audit trail (newest first): optional exact type or type prefix
 * ending in {@code .}, actor, subject, time window, and a keyset cursor {@code beforeId}.
 */
public record AuditQuery(Optional<String> type, Optional<String> actor, Optional<String> subject,
                         Optional<Instant> since, Optional<Instant> until,
                         Optional<Long> beforeId, int limit) {
    /** The largest page the API serves. */
    public static final int MAX_LIMIT = 500;
}
