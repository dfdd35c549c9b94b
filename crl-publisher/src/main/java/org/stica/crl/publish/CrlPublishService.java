package org.stica.crl.publish;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stica.crl.CrlException;
import org.stica.crl.store.CrlStore;
import org.stica.crl.store.StoredCrl;

/**
 * Publishes the CRL (STANDARDS.md §6.2, §6.4): under the build lock shared by all instances it
 * reads the newest stored CRL, decides whether a new one is needed, produces it (see
 * {@link CrlProducer}) and stores it with {@link CrlStore#insertIfNewer}. No transaction is held
 * while signing. Returns the CRL that must be served afterwards.
 */
public final class CrlPublishService {
    private static final Logger LOG = LoggerFactory.getLogger(CrlPublishService.class);

    /** Why a publication was asked for. */
    public enum Trigger {
        /** After a revocation: the result must list every certificate revoked before the call. */
        REVOCATION,
        /** At start-up: build only if there is no CRL or the newest is due; wait for the lock. */
        START,
        /** The rebuild timer: build only if the newest is due; skip if another instance builds. */
        SCHEDULE
    }

    private final CrlStore store;
    private final WaitingBuildLock lock;
    private final CrlProducer producer;
    private final CrlSchedule schedule;
    private final int batchSize;
    private final List<CrlPublicationListener> listeners = new CopyOnWriteArrayList<>();

    public CrlPublishService(CrlStore store, WaitingBuildLock lock, CrlProducer producer,
                             CrlSchedule schedule, int batchSize) {
        this.store = Objects.requireNonNull(store, "store");
        this.lock = Objects.requireNonNull(lock, "lock");
        this.producer = Objects.requireNonNull(producer, "producer");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.batchSize = batchSize;
    }

    /** Tells {@code listener} about every build from now on. */
    public void onPublication(CrlPublicationListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Publishes as {@code trigger} requires and returns the newest CRL to serve. */
    public Future<StoredCrl> publish(Trigger trigger) {
        if (trigger == Trigger.SCHEDULE) {
            return lock.runIfFree(waited -> underLock(trigger, false))
                    .compose(done -> done.map(Future::succeededFuture)
                            .orElseGet(this::newestStored));
        }
        return lock.runWhenFree(waited -> underLock(trigger, waited));
    }

    /** The newest stored CRL, or {@code CrlException(NOT_PUBLISHED)}. */
    public Future<StoredCrl> newestStored() {
        return store.newest().map(newest -> newest.orElseThrow(() -> new CrlException(
                CrlException.Kind.NOT_PUBLISHED, "no CRL has been published yet")));
    }

    private Future<StoredCrl> underLock(Trigger trigger, boolean waited) {
        return store.newest().compose(previous -> {
            Instant now = schedule.now();
            boolean fresh = previous.isPresent() && !schedule.isDue(previous.get());
            return switch (trigger) {
                case REVOCATION -> waited && fresh
                        ? reuseIfCovering(previous.get(), now) : build(previous, now);
                case START, SCHEDULE -> fresh
                        ? Future.succeededFuture(previous.get()) : build(previous, now);
            };
        });
    }

    /**
     * Another instance built while we waited: serve its CRL if it lists every current revocation.
     */
    private Future<StoredCrl> reuseIfCovering(StoredCrl newest, Instant now) {
        return producer.covers(newest, now, batchSize).compose(covered -> covered
                ? Future.succeededFuture(newest) : build(Optional.of(newest), now));
    }

    private Future<StoredCrl> build(Optional<StoredCrl> previous, Instant now) {
        long started = System.nanoTime();
        return producer.produce(previous, now, schedule.validity())
                .compose(candidate -> store.insertIfNewer(candidate, (stored, ignored) -> {
                    if (!sameCrl(stored, previous)) {
                        throw new CrlException(CrlException.Kind.NOT_NEWER,
                                "another CRL was stored while this one was being built");
                    }
                }).onFailure(e -> discard(candidate)))
                .onSuccess(stored -> LOG.info(
                        "published CRL number {} with {} entries ({} bytes), nextUpdate {}",
                        stored.number(), stored.entries(), stored.size(), stored.nextUpdate()))
                .andThen(outcome -> tell(outcome.succeeded() ? outcome.result() : null,
                        Duration.ofNanos(System.nanoTime() - started), outcome.cause()));
    }

    private void tell(StoredCrl stored, Duration took, Throwable failure) {
        for (CrlPublicationListener listener : listeners) {
            if (stored != null) {
                listener.published(stored, took);
            } else {
                listener.failed(failure);
            }
        }
    }

    private void discard(StoredCrl candidate) {
        try {
            java.nio.file.Files.deleteIfExists(candidate.file());
        } catch (java.io.IOException e) {
            LOG.debug("cannot delete {}", candidate.file(), e);
        }
    }

    private static boolean sameCrl(Optional<StoredCrl> a, Optional<StoredCrl> b) {
        return a.map(StoredCrl::sha256).equals(b.map(StoredCrl::sha256));
    }
}
