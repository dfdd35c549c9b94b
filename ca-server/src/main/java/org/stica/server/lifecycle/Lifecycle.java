package org.stica.server.lifecycle;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every started part of the server, in the order it was started, with the action that stops it
 * (ARCHITECTURE.md §7). {@link #close()} runs the actions in reverse order, one after the other;
 * an action that fails (or throws) is logged and the next one still runs. A part is registered
 * before its start is attempted, so a start that fails half-way is still stopped. Registering is
 * thread-safe (parts are built on a worker thread and started on an event loop); a part
 * registered after {@link #close()} began is closed at once.
 */
public final class Lifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);

    /** Stops one part; the returned future (may be {@code null}) completes when it has. */
    @FunctionalInterface
    public interface CloseAction {
        Future<?> close() throws Exception;
    }

    private record Part(String name, CloseAction action) {
    }

    private final List<Part> parts = new ArrayList<>();
    private Future<Void> closing;

    /** Registers {@code action} to run when the server closes. */
    public void onClose(String name, CloseAction action) {
        synchronized (this) {
            if (closing == null) {
                parts.add(new Part(name, action));
                return;
            }
        }
        LOG.warn("{} started while closing; closing it now", name);
        closeOne(new Part(name, action));
    }

    /** Registers a synchronous stop (cancelling timers and the like). */
    public void onStop(String name, Runnable stop) {
        onClose(name, () -> {
            stop.run();
            return null;
        });
    }

    /** Registers {@code part}'s close action and returns the part (one line per built part). */
    public <T> T closing(String name, T part, Consumer<T> close) {
        onStop(name, () -> close.accept(part));
        return part;
    }

    /** Registers {@code part}'s asynchronous close action and returns the part. */
    public <T> T closingAsync(String name, T part, Function<T, Future<?>> close) {
        onClose(name, () -> close.apply(part));
        return part;
    }

    /** Registers {@code part}'s blocking close, run on a worker thread, and returns the part. */
    public <T extends AutoCloseable> T closingBlocking(Vertx vertx, String name, T part) {
        onClose(name, () -> vertx.executeBlocking(() -> {
            part.close();
            return null;
        }));
        return part;
    }

    /** Registers {@code part}'s stop, then starts it (timers, sweepers: one line per part). */
    public <T> T started(String name, T part, Consumer<T> start, Consumer<T> stop) {
        onStop(name, () -> stop.accept(part));
        start.accept(part);
        return part;
    }

    /** Registers {@code stop}, then runs the asynchronous {@code start}. */
    public Future<Void> start(String name, Supplier<Future<Void>> start, Runnable stop) {
        onStop(name, stop);
        return start.get();
    }

    /** The registered parts' names, in start order. */
    public synchronized List<String> names() {
        return parts.stream().map(Part::name).toList();
    }

    /**
     * Closes every registered part in reverse order; succeeds once all have been tried (failures
     * are logged, not returned). Calling it again returns the same future.
     */
    public Future<Void> close() {
        List<Part> reversed;
        Promise<Void> closed = Promise.promise();
        synchronized (this) {
            if (closing != null) {
                return closing;
            }
            closing = closed.future();
            reversed = new ArrayList<>(parts);
        }
        Collections.reverse(reversed);
        closeFrom(reversed, 0).onComplete(closed);
        return closed.future();
    }

    private static Future<Void> closeFrom(List<Part> reversed, int index) {
        if (index == reversed.size()) {
            return Future.succeededFuture();
        }
        return closeOne(reversed.get(index)).compose(v -> closeFrom(reversed, index + 1));
    }

    /** Runs one close action; always succeeds, logging a failure. */
    private static Future<Void> closeOne(Part part) {
        Future<?> closed;
        try {
            closed = part.action().close();
        } catch (Exception | LinkageError e) {
            closed = Future.failedFuture(e);
        }
        if (closed == null) {
            closed = Future.succeededFuture();
        }
        return closed.<Void>mapEmpty().recover(failure -> {
            LOG.warn("closing {} failed; closing the rest", part.name(), failure);
            return Future.succeededFuture();
        });
    }
}
