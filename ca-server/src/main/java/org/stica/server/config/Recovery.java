package org.stica.server.config;

import java.time.Duration;

/**
 * Fault handling (issue 14, ARCHITECTURE.md §5): how often each instance settles interrupted
 * work ({@code recovery.sweepPeriodSeconds}), how long an issuance or ACME validation may be
 * in progress before it counts as interrupted ({@code recovery.stuckAfterSeconds}: a serial
 * still reserved, an order or challenge still processing), and the bound of one HSM operation
 * ({@code hsm.signTimeoutMillis}). {@code stuckAfter} should exceed the HSM bound plus the 20 s
 * an instance retries recording a signed certificate: a shorter one stays safe (the late record
 * is refused and the certificate never delivered) but turns slow issuances into failures.
 */
public record Recovery(Duration sweepPeriod, Duration stuckAfter, Duration signTimeout) {
    /** Every 30 s; interrupted after 120 s; HSM operations bounded by 10 s. */
    public static final Recovery DEFAULTS = new Recovery(Duration.ofSeconds(30),
            Duration.ofSeconds(120), Duration.ofSeconds(10));

    static Recovery read(ConfigReader in) {
        return new Recovery(
                Duration.ofSeconds(in.intIn(ConfigKey.RECOVERY_SWEEP_PERIOD_SECONDS, 1, 3600)),
                Duration.ofSeconds(in.intIn(ConfigKey.RECOVERY_STUCK_AFTER_SECONDS, 5, 86_400)),
                Duration.ofMillis(in.intIn(ConfigKey.HSM_SIGN_TIMEOUT_MILLIS, 100, 120_000)));
    }
}
