package org.stica.crl.publish;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.stica.crl.CrlException;
import org.stica.crl.store.BuildLock;

/**
 * Waits for a {@link BuildLock} held by another instance by polling on a Vert.x timer (never
 * blocking a thread), then runs the work with a flag saying whether it had to wait. Gives up with
 * {@code CrlException(BUSY)} after {@code maxWait}.
 */
public final class WaitingBuildLock {
    private final Vertx vertx;
    private final BuildLock lock;
    private final Duration poll;
    private final Duration maxWait;

    public WaitingBuildLock(Vertx vertx, BuildLock lock, Duration poll, Duration maxWait) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.lock = Objects.requireNonNull(lock, "lock");
        this.poll = Objects.requireNonNull(poll, "poll");
        this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
    }

    /** Runs {@code work} once the lock is free; the argument is true if another holder was seen. */
    public <T> Future<T> runWhenFree(Function<Boolean, Future<T>> work) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        return attempt(work, false, deadline);
    }

    /** Runs {@code work} if the lock is free now; empty if another holder has it. */
    public <T> Future<Optional<T>> runIfFree(Function<Boolean, Future<T>> work) {
        return lock.tryRun(() -> work.apply(false));
    }

    private <T> Future<T> attempt(Function<Boolean, Future<T>> work, boolean waited,
            long deadline) {
        return lock.tryRun(() -> work.apply(waited)).compose(result -> {
            if (result.isPresent()) {
                return Future.succeededFuture(result.get());
            }
            if (System.nanoTime() - deadline > 0) {
                return Future.failedFuture(new CrlException(CrlException.Kind.BUSY,
                        "another instance held the CRL build lock for more than " + maxWait));
            }
            return delay().compose(ignored -> attempt(work, true, deadline));
        });
    }

    private Future<Void> delay() {
        Promise<Void> promise = Promise.promise();
        vertx.setTimer(Math.max(1, poll.toMillis()), id -> promise.complete());
        return promise.future();
    }
}
