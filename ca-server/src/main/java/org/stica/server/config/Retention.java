package org.stica.server.config;

import java.time.Duration;
import java.util.Optional;

/**
 * The data lifecycle ({@code retention.*}, issue 14): how often the retention sweep runs, how
 * many rows one of its statements deletes at most, how long final or expired ACME orders (with
 * their authorizations, challenges and order copy of the certificate) are kept, and how long CRL
 * and ARL history is kept after its {@code nextUpdate}.
 *
 * <p>Used nonces and SPC token {@code jti}s have no setting of their own: they are kept exactly
 * as long as their nonce or token could still be accepted (expiry, plus
 * {@code pa.tokenClockSkewSeconds} for tokens, plus a margin for clock differences between
 * instances). Certificates, revocations, accounts and the audit log are never purged.
 *
 * @param enabled      whether the sweep runs at all ({@code retention.enabled})
 * @param interval     time between sweeps ({@code retention.intervalMinutes})
 * @param batchSize    rows deleted by one statement at most ({@code retention.batchSize})
 * @param acmeOrders   how long an ACME order is kept once expired or final
 *                     ({@code retention.acmeOrderDays})
 * @param crlHistory   how long a superseded CRL or ARL is kept after its nextUpdate; empty keeps
 *                     the history forever ({@code retention.crlHistoryDays}, 0 = forever)
 */
public record Retention(boolean enabled, Duration interval, int batchSize, Duration acmeOrders,
                        Optional<Duration> crlHistory) {
    /** Shortest CRL history accepted: longer than any CRL's validity (ca.crlValidityHours). */
    public static final int MIN_CRL_HISTORY_DAYS = 32;

    /** On, hourly, 500 rows per statement, orders kept 90 days, CRL history kept forever. */
    public static final Retention DEFAULTS = new Retention(true, Duration.ofHours(1), 500,
            Duration.ofDays(90), Optional.empty());

    public void validate() {
        if (interval.toMinutes() < 1 || interval.toMinutes() > 1440) {
            throw ConfigKey.RETENTION_INTERVAL_MINUTES.invalid(
                    ConfigReader.rangeProblem(1, 1440, interval.toMinutes()));
        }
        if (batchSize < 1 || batchSize > 10_000) {
            throw ConfigKey.RETENTION_BATCH_SIZE.invalid(
                    ConfigReader.rangeProblem(1, 10_000, batchSize));
        }
        if (acmeOrders.toDays() < 1 || acmeOrders.toDays() > 36_500) {
            throw ConfigKey.RETENTION_ACME_ORDER_DAYS.invalid(
                    ConfigReader.rangeProblem(1, 36_500, acmeOrders.toDays()));
        }
        crlHistory.ifPresent(history -> {
            if (history.toDays() < MIN_CRL_HISTORY_DAYS || history.toDays() > 36_500) {
                throw ConfigKey.RETENTION_CRL_HISTORY_DAYS.invalid("must be 0 (keep forever) or "
                        + MIN_CRL_HISTORY_DAYS + "-36500, got '" + history.toDays() + "'");
            }
        });
    }

    /** The {@code retention.*} section. */
    static Retention read(ConfigReader in) {
        String enabled = in.string(ConfigKey.RETENTION_ENABLED);
        if (!enabled.equals("true") && !enabled.equals("false")) {
            throw ConfigKey.RETENTION_ENABLED.invalid("must be true or false, got '" + enabled
                    + "'");
        }
        int crlDays = in.intIn(ConfigKey.RETENTION_CRL_HISTORY_DAYS, 0, 36_500);
        if (crlDays > 0 && crlDays < MIN_CRL_HISTORY_DAYS) {
            throw ConfigKey.RETENTION_CRL_HISTORY_DAYS.invalid("must be 0 (keep forever) or "
                    + MIN_CRL_HISTORY_DAYS + "-36500, got '" + crlDays + "'");
        }
        return new Retention(Boolean.parseBoolean(enabled),
                Duration.ofMinutes(in.intIn(ConfigKey.RETENTION_INTERVAL_MINUTES, 1, 1440)),
                in.intIn(ConfigKey.RETENTION_BATCH_SIZE, 1, 10_000),
                Duration.ofDays(in.intIn(ConfigKey.RETENTION_ACME_ORDER_DAYS, 1, 36_500)),
                crlDays == 0 ? Optional.empty() : Optional.of(Duration.ofDays(crlDays)));
    }
}
