package org.stica.crl.arl;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stica.crl.http.CrlHandler;
import org.stica.crl.http.CrlProblemHandler;
import org.stica.crl.publish.CrlSchedule;
import org.stica.crl.publish.CrlSnapshot;
import org.stica.crl.store.StoredCrl;
import org.stica.hsm.SignerPool;

/**
 * Signs the root's ARL through the signer pool at start and again at half its validity, keeps it
 * in memory and serves it at {@code path} with the same caching rules as the SHAKEN CRL (DER,
 * {@code application/pkix-crl}, ETag, Last-Modified, Cache-Control, 304, HEAD). The CRL Number is
 * thisUpdate in epoch milliseconds (increasing across restarts and instances without a counter).
 */
public final class ArlModule {
    private static final Logger LOG = LoggerFactory.getLogger(ArlModule.class);

    private final Vertx vertx;
    private final SignerPool signer;
    private final String rootAlias;
    private final X509Certificate root;
    private final String path;
    private final CrlSchedule schedule;
    private final Clock clock;
    private final AtomicReference<CrlSnapshot> current = new AtomicReference<>();
    private final List<Consumer<CrlSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private long timer = -1;

    public ArlModule(Vertx vertx, SignerPool signer, String rootAlias, X509Certificate root,
                     String path, Duration validity, Clock clock) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.rootAlias = Objects.requireNonNull(rootAlias, "rootAlias");
        this.root = Objects.requireNonNull(root, "root");
        this.path = Objects.requireNonNull(path, "path");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.schedule = new CrlSchedule(validity, clock);
    }

    /** Signs the first ARL and arms the periodic re-signing. */
    public Future<Void> start() {
        return build().onSuccess(v -> {
            long period = Math.max(1000, schedule.validity().dividedBy(2).toMillis());
            timer = vertx.setPeriodic(period, id -> build()
                    .onFailure(e -> LOG.error("re-signing the ARL failed", e)));
        });
    }

    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** GET/HEAD {@code path}. */
    public Router router() {
        CrlHandler handler = new CrlHandler(current::get, schedule);
        CrlProblemHandler problems = new CrlProblemHandler();
        Router router = Router.router(vertx);
        router.get(path).handler(handler::der).failureHandler(problems::handle);
        router.head(path).handler(handler::der).failureHandler(problems::handle);
        return router;
    }

    /** Calls {@code listener} with each newly signed ARL; register before {@link #start()}. */
    public void onServed(Consumer<CrlSnapshot> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** The ARL served now, if signed. */
    public Optional<StoredCrl> current() {
        return Optional.ofNullable(current.get()).map(CrlSnapshot::crl);
    }

    private Future<Void> build() {
        Instant thisUpdate = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant nextUpdate = thisUpdate.plus(schedule.validity());
        BigInteger number = BigInteger.valueOf(clock.instant().toEpochMilli());
        ArlBuilder builder = new ArlBuilder();
        return signer.withSigner(rootAlias,
                        contentSigner -> builder.build(root, number, thisUpdate, nextUpdate,
                                contentSigner))
                .map(der -> {
                    CrlSnapshot snapshot = CrlSnapshot.of(StoredCrl.of(number, thisUpdate,
                            nextUpdate, der));
                    current.set(snapshot);
                    listeners.forEach(listener -> listener.accept(snapshot));
                    return null;
                });
    }
}
