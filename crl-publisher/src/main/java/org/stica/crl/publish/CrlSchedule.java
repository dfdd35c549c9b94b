package org.stica.crl.publish;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.stica.crl.store.StoredCrl;

/**
 * When a CRL is rebuilt and how long it may be cached (STANDARDS.md §6.2 item 3, §6.4 item 2).
 * A CRL is due for a rebuild at the earlier of {@code thisUpdate + validity/2} and
 * {@code nextUpdate - validity/2}; caches may keep it until then, never past nextUpdate.
 */
public final class CrlSchedule {
    private final Duration validity;
    private final Duration half;
    private final Clock clock;

    public CrlSchedule(Duration validity, Clock clock) {
        this.validity = Objects.requireNonNull(validity, "validity");
        this.half = validity.dividedBy(2);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Instant now() {
        return clock.instant();
    }

    /** nextUpdate - thisUpdate for new CRLs, in whole seconds. */
    public Duration validity() {
        return Duration.ofSeconds(validity.toSeconds());
    }

    /** The planned rebuild time of {@code crl}. */
    public Instant rebuildAt(StoredCrl crl) {
        Instant fromStart = crl.thisUpdate().plus(half);
        Instant beforeEnd = crl.nextUpdate().minus(half);
        return fromStart.isBefore(beforeEnd) ? fromStart : beforeEnd;
    }

    /** True when {@code crl} must be replaced now (past its planned rebuild or expired). */
    public boolean isDue(StoredCrl crl) {
        return !now().isBefore(rebuildAt(crl));
    }

    /** Seconds until the earlier of nextUpdate and the planned rebuild; never negative. */
    public long maxAgeSeconds(StoredCrl crl) {
        Instant until = rebuildAt(crl).isBefore(crl.nextUpdate()) ? rebuildAt(crl)
                : crl.nextUpdate();
        return Math.max(0, Duration.between(now(), until).toSeconds());
    }
}
