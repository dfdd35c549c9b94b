package org.stica.acme.store.pg;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Which database failures are the database being away (restarted, connections cut, unreachable,
 * out of connections) rather than a statement being wrong, and a bounded retry of a statement
 * through them (issue 14: a PostgreSQL restart takes seconds; a signed certificate must not be
 * lost to it). Only statements whose retry is safe are retried: conditional updates that find
 * nothing to do when an earlier try committed.
 */
public final class TransientFailures {
    private static final Duration FIRST_DELAY = Duration.ofMillis(100);
    private static final Duration MAX_DELAY = Duration.ofSeconds(2);

    private TransientFailures() {
    }

    /** True when {@code failure} (or a cause) says the database could not be reached or used. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ClosedConnectionException || t instanceof IOException
                    || t instanceof TimeoutException) {
                return true;
            }
            if (t instanceof PgException pg && pg.getSqlState() != null
                    && transientState(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs {@code statement}, again after a growing delay while it fails transiently, until it
     * succeeds, fails otherwise, or {@code budget} has passed (then the last failure). Without a
     * Vert.x context it runs once.
     */
    public static <T> Future<T> retry(Supplier<Future<T>> statement, Duration budget) {
        var context = Vertx.currentContext();
        if (context == null) {
            return statement.get();
        }
        long deadline = System.nanoTime() + budget.toNanos();
        return attempt(context.owner(), statement, deadline, FIRST_DELAY);
    }

    private static <T> Future<T> attempt(Vertx vertx, Supplier<Future<T>> statement,
                                         long deadline, Duration delay) {
        return statement.get().recover(failure -> {
            if (!isTransient(failure) || System.nanoTime() + delay.toNanos() > deadline) {
                return Future.failedFuture(failure);
            }
            Duration next = delay.multipliedBy(2).compareTo(MAX_DELAY) > 0 ? MAX_DELAY
                    : delay.multipliedBy(2);
            return vertx.timer(delay.toMillis())
                    .compose(fired -> attempt(vertx, statement, deadline, next));
        });
    }

    /**
     * SQLSTATE class 08 (connection exception), 53300 (too many connections), 57P01-57P03
     * (admin or crash shutdown, cannot connect now) and 40001/40P01 (serialization failure,
     * deadlock: the transaction was rolled back and may be run again).
     */
    private static boolean transientState(String state) {
        return state.startsWith("08") || state.equals("53300") || state.startsWith("57P")
                || state.equals("40001") || state.equals("40P01");
    }
}
