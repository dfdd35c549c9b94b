package org.stica.server.pa.login;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.stica.server.config.StiCaConfig;
import org.stica.server.pa.store.pg.PgLoginThrottle;
import org.stica.server.pa.store.pg.PgLoginThrottle.Cell;

/**
 * Failed logins per user id and per client address ({@code paRole.loginMaxFailures},
 * {@code paRole.loginMaxFailuresPerAddress} in {@code paRole.loginFailureWindowSeconds}): each
 * attempt is charged to both before the password is checked, so concurrent guesses cannot pass
 * the limit, and refunded when it succeeds. Kept in PostgreSQL, so every instance counts alike.
 */
public final class LoginThrottle {
    private final PgLoginThrottle store;
    private final StiCaConfig.PaLogin limits;
    private final Clock clock;

    public LoginThrottle(PgLoginThrottle store, StiCaConfig.PaLogin limits, Clock clock) {
        this.store = store;
        this.limits = limits;
        this.clock = clock;
    }

    /** A refused attempt: how long until the next one is admitted (at least a second). */
    public static final class Throttled extends RuntimeException {
        private final Duration retryAfter;

        Throttled(Duration retryAfter) {
            super("too many failed logins; retry after " + retryAfter.toSeconds() + " s", null,
                    false, false);
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    /** Charges an attempt; fails with {@link Throttled} (nothing charged) over the limit. */
    public Future<Void> admit(String userId, String address) {
        Instant now = clock.instant();
        return store.admit(cells(userId, address), now, limits.failureWindow())
                .compose(refused -> refused.isEmpty() ? Future.<Void>succeededFuture()
                        : Future.failedFuture(new Throttled(retryAfter(now, refused.get()))));
    }

    /** Gives the attempt back: the login succeeded. */
    public Future<Void> refund(String userId, String address) {
        return store.refund(cells(userId, address), clock.instant(), limits.failureWindow());
    }

    private List<Cell> cells(String userId, String address) {
        return List.of(new Cell("user:" + userId, limits.maxFailuresPerUser()),
                new Cell("address:" + address, limits.maxFailuresPerAddress()));
    }

    private static Duration retryAfter(Instant now, Instant admittedAt) {
        long seconds = (Duration.between(now, admittedAt).toMillis() + 999) / 1000;
        return Duration.ofSeconds(Math.max(1, seconds));
    }
}
