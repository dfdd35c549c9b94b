package org.stica.server.trace;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The HTTP request a piece of work is done for: its {@link RequestId} and when it began. Vert.x
 * serves every request on a context of its own (a duplicate of the event loop's context) and
 * runs the request's continuations there: replies of the database pool, worker pool results,
 * timers the request sets. The scope is stored in that context ({@link RequestScopeLocal}), so
 * {@link #current()} answers the request's scope on any of those threads and nothing outside it:
 * periodic timers and sweepers run on fresh contexts and have none. The scope lasts until the
 * response has ended and the end is reported ({@link #end()}); what the request left behind and
 * runs later in the same context (a one-shot timer it armed, work waiting on a future it
 * completed) is not the request's and has none either.
 */
public final class RequestScope {
    private final RequestId id;
    private final long startedNanos;
    private final Consumer<RequestScope> onEnd;
    private final AtomicBoolean ending = new AtomicBoolean();
    private volatile boolean over;

    /**
     * @param startedNanos {@link System#nanoTime()} when the request arrived
     * @param onEnd        what to do once the response has ended (or its connection closed)
     */
    public RequestScope(RequestId id, long startedNanos, Consumer<RequestScope> onEnd) {
        this.id = id;
        this.startedNanos = startedNanos;
        this.onEnd = onEnd;
    }

    /** The scope of the request the calling code runs for, if any. */
    public static Optional<RequestScope> current() {
        Context context = Vertx.currentContext();
        RequestScope scope = context == null ? null : RequestScopeLocal.SCOPE.get(context);
        return scope == null || scope.over ? Optional.empty() : Optional.of(scope);
    }

    /** The id of the request the calling code runs for, if any. */
    public static Optional<RequestId> currentId() {
        return current().map(RequestScope::id);
    }

    /**
     * Binds this scope to {@code context}, the request's own context; false, binding nothing,
     * for a context other work shares (it would leak the id into that work).
     */
    public boolean bindTo(Context context) {
        if (!(context instanceof ContextInternal internal) || !internal.isDuplicate()) {
            return false;
        }
        RequestScopeLocal.SCOPE.put(context, this);
        return true;
    }

    public RequestId id() {
        return id;
    }

    /** Time since the request arrived, as of {@code nowNanos} ({@link System#nanoTime()}). */
    public Duration elapsed(long nowNanos) {
        return Duration.ofNanos(nowNanos - startedNanos);
    }

    /**
     * Runs the end action, once (the response's end may be seen from more than one place: the
     * listener, a router that took the response's end handler over), still within the scope;
     * the scope is over afterwards.
     */
    public void end() {
        if (ending.compareAndSet(false, true)) {
            try {
                onEnd.accept(this);
            } finally {
                over = true;
            }
        }
    }
}
