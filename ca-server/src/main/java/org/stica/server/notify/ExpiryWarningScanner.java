package org.stica.server.notify;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stica.server.config.Notify;

/**
 * Warns subscribers of certificates about to expire ({@code certificate.expiring}, issue 15):
 * every {@link Notify#expiryScanInterval()} it pages through the issued, unrevoked certificates
 * whose notAfter is within {@link Notify#expiryWarning()}, finds each one's subscriber by its SPC
 * ({@code subscriberOfSpc}, the subscriber registry's lookup) and queues one warning per
 * certificate, recorded in {@code notify_expiry_warned} in the same transaction, so each
 * certificate is warned once even with several instances. A certificate whose SPC has no
 * subscriber yet is not recorded and is looked at again on the next scan.
 */
public final class ExpiryWarningScanner {
    private static final Logger LOG = LoggerFactory.getLogger(ExpiryWarningScanner.class);
    private static final int PAGE = 200;
    /** First scan this long after start, so that it never competes with start-up. */
    private static final Duration FIRST_SCAN = Duration.ofSeconds(30);

    private final Vertx vertx;
    private final ExpiryWarningStore store;
    private final Function<String, Future<Optional<String>>> subscriberOfSpc;
    private final Notify config;
    private final Clock clock;
    private long timer = -1;
    private boolean stopped;
    private Future<Integer> running = Future.succeededFuture(0);

    public ExpiryWarningScanner(Vertx vertx, ExpiryWarningStore store,
                                Function<String, Future<Optional<String>>> subscriberOfSpc,
                                Notify config, Clock clock) {
        this.vertx = vertx;
        this.store = store;
        this.subscriberOfSpc = subscriberOfSpc;
        this.config = config;
        this.clock = clock;
    }

    /** Scans every {@link Notify#expiryScanInterval()}, the first time shortly after start. */
    public void start() {
        long first = Math.min(FIRST_SCAN.toMillis(), config.expiryScanInterval().toMillis());
        timer = vertx.setPeriodic(first, config.expiryScanInterval().toMillis(),
                id -> scanLogged());
    }

    public void stop() {
        stopped = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void scanLogged() {
        if (!running.isComplete() || stopped) {
            return;
        }
        running = scan()
                .onSuccess(n -> {
                    if (n > 0) {
                        LOG.info("queued {} certificate expiry warning(s)", n);
                    }
                })
                .onFailure(e -> LOG.warn("expiry warning scan failed: {}", e.getMessage()));
    }

    /** One scan, now; completes with the number of warnings queued. */
    public Future<Integer> scan() {
        Instant now = clock.instant();
        return page(now, "", 0);
    }

    private Future<Integer> page(Instant now, String after, int warned) {
        if (stopped) {
            return Future.succeededFuture(warned);
        }
        return store.expiring(now, now.plus(config.expiryWarning()), after, PAGE)
                .compose(certificates -> warnAll(now, certificates, 0)
                        .compose(n -> certificates.size() < PAGE
                                ? Future.succeededFuture(warned + n)
                                : page(now, certificates.get(certificates.size() - 1).serial(),
                                warned + n)));
    }

    /** Warns about the certificates one after the other (no burst on the pool). */
    private Future<Integer> warnAll(Instant now, List<ExpiringCertificate> certificates,
                                    int index) {
        if (index >= certificates.size()) {
            return Future.succeededFuture(0);
        }
        return warn(now, certificates.get(index))
                .compose(one -> warnAll(now, certificates, index + 1)
                        .map(rest -> rest + (one ? 1 : 0)));
    }

    private Future<Boolean> warn(Instant now, ExpiringCertificate certificate) {
        long daysLeft = Duration.between(now, certificate.notAfter()).toDays();
        NotificationEvent event = NotificationEvent.expiring(certificate.serial(),
                certificate.spc(), certificate.notAfter(), daysLeft);
        return subscriberOfSpc.apply(certificate.spc())
                .compose(subscriber -> subscriber.isEmpty() ? Future.succeededFuture(false)
                        : store.warn(certificate.serial(),
                        NewDelivery.of(subscriber.get(), event, now)));
    }
}
