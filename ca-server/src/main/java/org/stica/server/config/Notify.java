package org.stica.server.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Webhook notifications to subscribers ({@code notify.*}, issue 15): whether plain
 * {@code http://} URLs on the loopback interface may be registered (tests and the demo only;
 * otherwise every webhook is {@code https}), how often each instance looks for due deliveries,
 * the bound of one delivery request, how many attempts a delivery gets and the pause before each
 * retry, how many deliveries one instance claims at a time, and the expiry warning: how many days
 * before {@code notAfter} a certificate's subscriber is warned and how often certificates are
 * scanned.
 *
 * @param allowHttpLoopback  {@code notify.allowHttpLoopback}: accept {@code http://127.0.0.1},
 *                           {@code http://localhost} and {@code http://[::1]} URLs
 * @param dispatchInterval   {@code notify.dispatchIntervalMillis} (100-60000)
 * @param requestTimeout     {@code notify.requestTimeoutMillis} (100-120000)
 * @param maxAttempts        {@code notify.maxAttempts} (1-50): after that many failed attempts a
 *                           delivery is {@code failed}
 * @param retrySchedule      {@code notify.retrySchedule}: pauses after the 1st, 2nd, ... failed
 *                           attempt, e.g. {@code 10s,30s,2m,10m,1h}; the last repeats
 * @param batchSize          {@code notify.batchSize} (1-500): deliveries claimed per sweep
 * @param expiryWarning      {@code notify.expiryWarningDays} (1-365)
 * @param expiryScanInterval {@code notify.expiryScanSeconds} (1-86400)
 */
public record Notify(boolean allowHttpLoopback, Duration dispatchInterval,
                     Duration requestTimeout, int maxAttempts, List<Duration> retrySchedule,
                     int batchSize, Duration expiryWarning, Duration expiryScanInterval) {
    /** https only; every 2 s; 10 s per request; 8 attempts; 10 s, 30 s, 2 min, 10 min, 1 h... */
    public static final Notify DEFAULTS = new Notify(false, Duration.ofSeconds(2),
            Duration.ofSeconds(10), 8, List.of(Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofMinutes(2), Duration.ofMinutes(10), Duration.ofHours(1),
            Duration.ofHours(3), Duration.ofHours(6)), 20, Duration.ofDays(14),
            Duration.ofHours(1));

    public Notify {
        retrySchedule = List.copyOf(retrySchedule);
    }

    /** The pause after the {@code failedAttempts}-th failed attempt (1-based; last repeats). */
    public Duration retryAfter(int failedAttempts) {
        int index = Math.min(Math.max(failedAttempts, 1), retrySchedule.size()) - 1;
        return retrySchedule.get(index);
    }

    public void validate() {
        if (dispatchInterval.toMillis() < 100 || dispatchInterval.toMillis() > 60_000) {
            throw ConfigKey.NOTIFY_DISPATCH_INTERVAL_MILLIS.invalid(
                    ConfigReader.rangeProblem(100, 60_000, dispatchInterval.toMillis()));
        }
        if (requestTimeout.toMillis() < 100 || requestTimeout.toMillis() > 120_000) {
            throw ConfigKey.NOTIFY_REQUEST_TIMEOUT_MILLIS.invalid(
                    ConfigReader.rangeProblem(100, 120_000, requestTimeout.toMillis()));
        }
        if (maxAttempts < 1 || maxAttempts > 50) {
            throw ConfigKey.NOTIFY_MAX_ATTEMPTS.invalid(
                    ConfigReader.rangeProblem(1, 50, maxAttempts));
        }
        if (retrySchedule.isEmpty() || retrySchedule.stream().anyMatch(d -> d.isNegative()
                || d.isZero() || d.compareTo(Duration.ofDays(1)) > 0)) {
            throw ConfigKey.NOTIFY_RETRY_SCHEDULE.invalid(
                    "must be pauses between 1ms and 24h, e.g. 10s,30s,2m,10m,1h");
        }
        if (batchSize < 1 || batchSize > 500) {
            throw ConfigKey.NOTIFY_BATCH_SIZE.invalid(ConfigReader.rangeProblem(1, 500,
                    batchSize));
        }
        if (expiryWarning.toDays() < 1 || expiryWarning.toDays() > 365) {
            throw ConfigKey.NOTIFY_EXPIRY_WARNING_DAYS.invalid(
                    ConfigReader.rangeProblem(1, 365, expiryWarning.toDays()));
        }
        if (expiryScanInterval.toSeconds() < 1 || expiryScanInterval.toSeconds() > 86_400) {
            throw ConfigKey.NOTIFY_EXPIRY_SCAN_SECONDS.invalid(
                    ConfigReader.rangeProblem(1, 86_400, expiryScanInterval.toSeconds()));
        }
    }

    /** The {@code notify.*} section. */
    static Notify read(ConfigReader in) {
        String loopback = in.string(ConfigKey.NOTIFY_ALLOW_HTTP_LOOPBACK);
        if (!loopback.equals("true") && !loopback.equals("false")) {
            throw ConfigKey.NOTIFY_ALLOW_HTTP_LOOPBACK.invalid("must be true or false, got '"
                    + loopback + "'");
        }
        return new Notify(Boolean.parseBoolean(loopback),
                Duration.ofMillis(in.intIn(ConfigKey.NOTIFY_DISPATCH_INTERVAL_MILLIS, 100,
                        60_000)),
                Duration.ofMillis(in.intIn(ConfigKey.NOTIFY_REQUEST_TIMEOUT_MILLIS, 100,
                        120_000)),
                in.intIn(ConfigKey.NOTIFY_MAX_ATTEMPTS, 1, 50),
                schedule(in.list(ConfigKey.NOTIFY_RETRY_SCHEDULE)),
                in.intIn(ConfigKey.NOTIFY_BATCH_SIZE, 1, 500),
                Duration.ofDays(in.intIn(ConfigKey.NOTIFY_EXPIRY_WARNING_DAYS, 1, 365)),
                Duration.ofSeconds(in.intIn(ConfigKey.NOTIFY_EXPIRY_SCAN_SECONDS, 1, 86_400)));
    }

    /** {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h} each. */
    private static List<Duration> schedule(List<String> items) {
        List<Duration> pauses = new ArrayList<>();
        for (String item : items) {
            String text = item.toLowerCase(Locale.ROOT);
            try {
                if (text.endsWith("ms")) {
                    pauses.add(Duration.ofMillis(Long.parseLong(text.substring(0,
                            text.length() - 2))));
                } else if (text.endsWith("s")) {
                    pauses.add(Duration.ofSeconds(Long.parseLong(text.substring(0,
                            text.length() - 1))));
                } else if (text.endsWith("m")) {
                    pauses.add(Duration.ofMinutes(Long.parseLong(text.substring(0,
                            text.length() - 1))));
                } else if (text.endsWith("h")) {
                    pauses.add(Duration.ofHours(Long.parseLong(text.substring(0,
                            text.length() - 1))));
                } else {
                    throw ConfigKey.NOTIFY_RETRY_SCHEDULE.invalid("entries need a unit (ms, s,"
                            + " m, h), got '" + item + "'");
                }
            } catch (NumberFormatException e) {
                throw ConfigKey.NOTIFY_RETRY_SCHEDULE.invalid("entries must be a number and a"
                        + " unit (ms, s, m, h), got '" + item + "'");
            }
        }
        return pauses;
    }
}
