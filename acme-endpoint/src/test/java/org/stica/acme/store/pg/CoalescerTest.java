package org.stica.acme.store.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.stica.acme.support.Await;

/** Calls that arrive while a statement is in flight share the next one. */
class CoalescerTest {
    /** A statement whose answers the test gives by hand; records each batch it was sent. */
    private static final class ManualStatement implements Coalescer.Statement<Integer, String> {
        final List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
        final List<Promise<List<String>>> answers =
                Collections.synchronizedList(new ArrayList<>());

        @Override
        public Future<List<String>> run(List<Integer> inputs) {
            batches.add(List.copyOf(inputs));
            Promise<List<String>> answer = Promise.promise();
            answers.add(answer);
            return answer.future();
        }

        void answer(int batch) {
            answers.get(batch).complete(batches.get(batch).stream().map(i -> "r" + i).toList());
        }
    }

    @Test
    void submit_whileOneIsInFlight_waitsAndGoesWithTheOthersInOrder() {
        ManualStatement statement = new ManualStatement();
        Coalescer<Integer, String> coalescer = new Coalescer<>(10, statement);
        Future<String> first = coalescer.submit(1);
        Future<String> second = coalescer.submit(2);
        Future<String> third = coalescer.submit(3);
        assertEquals(List.of(List.of(1)), statement.batches);

        statement.answer(0);
        assertEquals("r1", first.result());
        assertEquals(List.of(List.of(1), List.of(2, 3)), statement.batches);
        assertFalse(second.isComplete());

        statement.answer(1);
        assertEquals("r2", second.result());
        assertEquals("r3", third.result());
        assertEquals(2, coalescer.statementsSent());
    }

    @Test
    void submit_moreThanMaxBatchWaiting_splitsIntoStatementsOfMaxBatch() {
        ManualStatement statement = new ManualStatement();
        Coalescer<Integer, String> coalescer = new Coalescer<>(2, statement);
        List<Future<String>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(coalescer.submit(i));
        }
        for (int batch = 0; batch < 4; batch++) {
            statement.answer(batch);
        }
        assertEquals(List.of(List.of(0), List.of(1, 2), List.of(3, 4), List.of(5)),
                statement.batches);
        assertEquals(List.of("r0", "r1", "r2", "r3", "r4", "r5"),
                calls.stream().map(Future::result).toList());
    }

    @Test
    void submit_statementFails_failsItsBatchOnlyAndTheNextOneIsSent() {
        ManualStatement statement = new ManualStatement();
        Coalescer<Integer, String> coalescer = new Coalescer<>(10, statement);
        Future<String> first = coalescer.submit(1);
        Future<String> second = coalescer.submit(2);
        IllegalStateException down = new IllegalStateException("connection lost");
        statement.answers.get(0).fail(down);
        assertSame(down, first.cause());
        statement.answer(1);
        assertEquals("r2", second.result());
    }

    @Test
    void submit_statementThrowsOrAnswersTooFew_failsTheCallers() {
        Coalescer<Integer, String> throwing = new Coalescer<>(10, inputs -> {
            throw new IllegalArgumentException("bad");
        });
        assertTrue(throwing.submit(1).cause() instanceof IllegalArgumentException);
        // and the coalescer is not stuck "in flight"
        assertTrue(throwing.submit(2).cause() instanceof IllegalArgumentException);

        Coalescer<Integer, String> tooFew = new Coalescer<>(10,
                inputs -> Future.succeededFuture(List.of()));
        assertTrue(tooFew.submit(1).cause() instanceof IllegalStateException);
    }

    @Test
    void submit_fromAnEventLoop_completesOnThatContext() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            ManualStatement statement = new ManualStatement();
            Coalescer<Integer, String> coalescer = new Coalescer<>(10, statement);
            Context caller = vertx.getOrCreateContext();
            CompletableFuture<Context> completedOn = new CompletableFuture<>();
            caller.runOnContext(v -> coalescer.submit(7)
                    .onComplete(r -> completedOn.complete(Vertx.currentContext())));
            // the answer arrives on another thread, as a pool's would
            while (statement.answers.isEmpty()) {
                Thread.onSpinWait();
            }
            statement.answer(0);
            assertSame(caller, completedOn.get(10, TimeUnit.SECONDS));
        } finally {
            Await.result(vertx.close());
        }
    }

    @Test
    void new_maxBatchBelowOne_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Coalescer<Integer, String>(0,
                inputs -> Future.succeededFuture(List.of())));
    }
}
