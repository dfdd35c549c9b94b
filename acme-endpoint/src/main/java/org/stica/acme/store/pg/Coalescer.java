package org.stica.acme.store.pg;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One statement for many callers. A call made while no statement of this kind is in flight is
 * sent at once (an idle server never waits for a timer); calls made while one is in flight wait
 * for it and then go together, at most {@code maxBatch} per statement. Under load the batches
 * grow with the queue, so the database parses, plans, runs and commits one statement, and the
 * server writes and reads one message, for many requests.
 *
 * <p>The statement must answer each input on its own, as if it had run alone: a multi-row
 * statement of conditional updates, inserts with {@code ON CONFLICT DO NOTHING} or keyed reads.
 * It is atomic as a whole, so it must be one that data cannot make fail (a constraint one input
 * breaks would fail the others too); and when two inputs of one batch name the same row, the
 * statement decides who gets it (a conditional update returns the row once, for the first).
 * Each caller's future completes on the caller's own context.
 *
 * @param <I> what one caller asks
 * @param <R> what that caller gets
 */
public final class Coalescer<I, R> {
    /** Runs one statement for {@code inputs}: one result per input, in the same order. */
    @FunctionalInterface
    public interface Statement<I, R> {
        Future<List<R>> run(List<I> inputs);
    }

    private record Call<I, R>(I input, Promise<R> result, Context context) {
        void settle(Runnable action) {
            if (context == null || context == Vertx.currentContext()) {
                action.run();
            } else {
                context.runOnContext(ignored -> action.run());
            }
        }
    }

    private final int maxBatch;
    private final Statement<I, R> statement;
    /** Guarded by {@code this}. */
    private List<Call<I, R>> waiting = new ArrayList<>();
    /** Guarded by {@code this}. */
    private boolean inFlight;
    private final AtomicLong statements = new AtomicLong();

    public Coalescer(int maxBatch, Statement<I, R> statement) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1");
        }
        this.maxBatch = maxBatch;
        this.statement = statement;
    }

    /** Sends {@code input} with the next statement; its result once that statement answered. */
    public Future<R> submit(I input) {
        Call<I, R> call = new Call<>(input, Promise.promise(), Vertx.currentContext());
        List<Call<I, R>> batch;
        synchronized (this) {
            waiting.add(call);
            batch = takeBatch();
        }
        send(batch);
        return call.result().future();
    }

    /** Statements sent so far (for tests and metrics). */
    public long statementsSent() {
        return statements.get();
    }

    /** The calls to send now, marked in flight; null while another statement is in flight. */
    private List<Call<I, R>> takeBatch() {
        if (inFlight || waiting.isEmpty()) {
            return null;
        }
        inFlight = true;
        if (waiting.size() <= maxBatch) {
            List<Call<I, R>> batch = waiting;
            waiting = new ArrayList<>();
            return batch;
        }
        List<Call<I, R>> batch = new ArrayList<>(waiting.subList(0, maxBatch));
        waiting = new ArrayList<>(waiting.subList(maxBatch, waiting.size()));
        return batch;
    }

    private void send(List<Call<I, R>> batch) {
        if (batch == null) {
            return;
        }
        statements.incrementAndGet();
        List<I> inputs = new ArrayList<>(batch.size());
        batch.forEach(call -> inputs.add(call.input()));
        Future<List<R>> answer;
        try {
            answer = statement.run(inputs);
        } catch (RuntimeException e) {
            answer = Future.failedFuture(e);
        }
        answer.onComplete(result -> {
            settle(batch, result.succeeded() ? result.result() : null, result.cause());
            List<Call<I, R>> next;
            synchronized (this) {
                inFlight = false;
                next = takeBatch();
            }
            send(next);
        });
    }

    private void settle(List<Call<I, R>> batch, List<R> results, Throwable cause) {
        Throwable failure = cause != null || results.size() == batch.size() ? cause
                : new IllegalStateException("statement answered " + results.size()
                + " results for " + batch.size() + " inputs");
        for (int i = 0; i < batch.size(); i++) {
            Call<I, R> call = batch.get(i);
            if (failure != null) {
                call.settle(() -> call.result().fail(failure));
            } else {
                R value = results.get(i);
                call.settle(() -> call.result().complete(value));
            }
        }
    }
}
