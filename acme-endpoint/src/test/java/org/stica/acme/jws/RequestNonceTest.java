package org.stica.acme.jws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stica.acme.problem.AcmeProblem;
import org.stica.acme.problem.ProblemType;

/** A request's nonce is recorded exactly once: by its statement or on its own (issue 18). */
class RequestNonceTest {
    private final List<byte[]> alone = new ArrayList<>();
    private boolean aloneFirstUse = true;

    private RequestNonce pending() {
        return RequestNonce.pending(new byte[] {1, 2, 3}, Instant.now().plusSeconds(60),
                (value, expires) -> {
                    alone.add(value);
                    return Future.succeededFuture(aloneFirstUse);
                });
    }

    @Test
    void foldedAndRecorded_settlesWithoutRecordingAgain() {
        RequestNonce nonce = pending();
        assertTrue(nonce.fold().isPresent());
        assertTrue(nonce.fold().isEmpty(), "handed to one statement only");
        nonce.recorded(true);
        assertTrue(nonce.settle().succeeded());
        assertEquals(0, alone.size());
    }

    @Test
    void foldedButReplayed_isBadNonceNowAndWhenSettled() {
        RequestNonce nonce = pending();
        nonce.fold();
        assertBadNonce(assertThrows(AcmeProblem.class, () -> nonce.recorded(false)));
        assertBadNonce(nonce.settle().cause());
        assertEquals(0, alone.size());
    }

    @Test
    void neverFolded_isRecordedOnItsOwnOnce() {
        RequestNonce nonce = pending();
        assertTrue(nonce.settle().succeeded());
        assertTrue(nonce.settle().succeeded());
        assertEquals(1, alone.size(), "recorded once");
        assertTrue(nonce.fold().isEmpty(), "a recorded nonce is not handed to a statement");
    }

    @Test
    void foldedIntoAStatementThatFailed_isRecordedOnItsOwn() {
        RequestNonce nonce = pending();
        nonce.fold();
        // the statement failed before its verdict: its transaction rolled back
        assertTrue(nonce.settle().succeeded());
        assertEquals(1, alone.size());
    }

    @Test
    void usedBefore_settlesAsBadNonce() {
        aloneFirstUse = false;
        assertBadNonce(pending().settle().cause());
    }

    @Test
    void redeemed_foldsNothingAndSettlesAtOnce() {
        RequestNonce nonce = RequestNonce.redeemed();
        assertTrue(nonce.fold().isEmpty());
        assertTrue(nonce.settle().succeeded());
    }

    private static void assertBadNonce(Throwable failure) {
        assertTrue(failure instanceof AcmeProblem problem
                && problem.type() == ProblemType.BAD_NONCE, String.valueOf(failure));
    }
}
