package org.stica.server.rcd;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.stica.policy.rcd.Rcd;

/**
 * One RCD set vetted for a subscriber (issue 19): the {@code rcd} (RFC 9795 §5.1), the call
 * reasons it may carry ({@code crn}, §7.1), its status, who recorded it (and with which admin
 * key, so that a different key must approve it) and, once approved, the computed constraints.
 */
public record RcdSet(String id, String subscriberId, Rcd rcd, List<String> callReasons,
                     RcdSetStatus status, Optional<VettedConstraints> vetted, Instant createdAt,
                     String createdBy, String createdByKey, Optional<Instant> decidedAt,
                     Optional<String> decidedBy) {
    public RcdSet {
        callReasons = List.copyOf(callReasons);
    }
}
