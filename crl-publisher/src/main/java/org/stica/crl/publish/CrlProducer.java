package org.stica.crl.publish;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stica.crl.CrlConfig;
import org.stica.crl.build.CrlContent;
import org.stica.crl.check.CrlCoverageCheck;
import org.stica.crl.check.CrlRetentionCheck;
import org.stica.crl.check.CrlSafetyCheck;
import org.stica.crl.port.RevokedCertificateSource;
import org.stica.crl.port.RevokedEntry;
import org.stica.crl.store.StoredCrl;

/**
 * Makes the next CRL from the previous one and the current revocations: numbers it without any
 * process-local counter ({@code max(previous + 1, thisUpdate in epoch milliseconds)}, RFC 5280
 * §5.2.3), signs it through {@link CrlSigning} and runs the {@link CrlSafetyCheck} on a worker
 * thread. CPU-heavy parsing never runs on an event loop.
 */
public final class CrlProducer {
    private static final Logger LOG = LoggerFactory.getLogger(CrlProducer.class);

    private final Vertx vertx;
    private final CrlSigning signing;
    private final CrlSafetyCheck safety;
    private final CrlConfig config;

    public CrlProducer(Vertx vertx, CrlSigning signing, CrlSafetyCheck safety, CrlConfig config) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.signing = Objects.requireNonNull(signing, "signing");
        this.safety = Objects.requireNonNull(safety, "safety");
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * The signed and checked successor of {@code previous} listing {@code entries}, not yet
     * stored.
     */
    public Future<StoredCrl> produce(Optional<StoredCrl> previous, List<RevokedEntry> entries,
                                     Instant now, Duration validity) {
        Instant thisUpdate = thisUpdate(previous, now);
        Instant nextUpdate = thisUpdate.plus(validity);
        BigInteger number = number(previous, thisUpdate);
        CrlContent content = new CrlContent(config.signerCertificate(), config.crlUrl(),
                config.signerCertUrl(), number, thisUpdate, nextUpdate, entries);
        return signing.sign(content).compose(der -> vertx.executeBlocking(() -> {
            StoredCrl candidate = StoredCrl.of(number, thisUpdate, nextUpdate, der);
            safety.verify(previous, candidate);
            return candidate;
        }, false));
    }

    /**
     * Fails with {@code CrlException(UNSAFE)} when {@code entries} leave out a serial of the
     * previous CRL whose certificate has not expired ({@link CrlRetentionCheck}); parsing runs off
     * the event loop and the expiry of dropped serials comes from {@code source}.
     */
    public Future<Void> checkRetention(Optional<StoredCrl> previous, List<RevokedEntry> entries,
                                       Instant now, RevokedCertificateSource source) {
        if (previous.isEmpty()) {
            return Future.succeededFuture();
        }
        CrlRetentionCheck retention = new CrlRetentionCheck();
        return vertx.executeBlocking(() -> retention.dropped(previous.get().der(), entries), false)
                .compose(dropped -> dropped.isEmpty() ? Future.<Void>succeededFuture()
                        : source.notAfter(dropped).map(expiry -> {
                            retention.verify(dropped, expiry, now);
                            return null;
                        }));
    }

    /**
     * True when {@code crl} already lists every entry of {@code entries} (checked off the event
     * loop).
     */
    public Future<Boolean> covers(StoredCrl crl, List<RevokedEntry> entries) {
        return vertx.executeBlocking(() -> new CrlCoverageCheck().covers(crl.der(), entries),
                false);
    }

    /**
     * Whole seconds, never before the previous CRL's thisUpdate (another instance's clock may
     * lead).
     */
    private static Instant thisUpdate(Optional<StoredCrl> previous, Instant now) {
        Instant truncated = now.truncatedTo(ChronoUnit.SECONDS);
        if (previous.isPresent() && truncated.isBefore(previous.get().thisUpdate())) {
            LOG.warn("clock is behind the newest CRL's thisUpdate ({} < {}); reusing it",
                    truncated, previous.get().thisUpdate());
            return previous.get().thisUpdate();
        }
        return truncated;
    }

    private static BigInteger number(Optional<StoredCrl> previous, Instant thisUpdate) {
        BigInteger fromTime = BigInteger.valueOf(thisUpdate.toEpochMilli());
        return previous.map(p -> p.number().add(BigInteger.ONE).max(fromTime)).orElse(fromTime);
    }
}
