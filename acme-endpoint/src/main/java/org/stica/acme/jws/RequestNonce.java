package org.stica.acme.jws;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiFunction;
import org.stica.acme.problem.AcmeProblem;
import org.stica.acme.problem.ProblemType;

/**
 * The replay nonce of a verified request (RFC 8555 §6.5): authentic and unexpired, and recorded
 * as used exactly once, either by the first statement its handler runs ({@link #fold}: the
 * statement inserts it in a CTE and does its work only if the insert happened, so the request
 * costs no round trip for its nonce, issue 18) or on its own ({@link #settle}). A handler that
 * folds nothing gets it redeemed on its own before its answer, so no answer leaves with a nonce
 * not recorded.
 *
 * <p>Used on the request's event loop; the state is guarded all the same.
 */
public final class RequestNonce {
    /** The refusal of a nonce already used (one wording for every badNonce). */
    public static final String REFUSED = "JWS nonce is unknown, already used or expired";

    private enum State { PENDING, FOLDED, RECORDED, REPLAYED }

    /** The nonce's random part and expiry, for a statement that records it. */
    public record Fresh(byte[] value, Instant expires) {
        public Fresh {
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }
    }

    private static final RequestNonce REDEEMED = new RequestNonce(null, null, State.RECORDED);

    private final Fresh fresh;
    private final BiFunction<byte[], Instant, Future<Boolean>> alone;
    private State state;

    private RequestNonce(Fresh fresh, BiFunction<byte[], Instant, Future<Boolean>> alone,
                         State state) {
        this.fresh = fresh;
        this.alone = alone;
        this.state = state;
    }

    /** A nonce already recorded as used before the handler ran. */
    public static RequestNonce redeemed() {
        return REDEEMED;
    }

    /**
     * A nonce still to be recorded; {@code alone} records {@code (value, expires)} on its own and
     * completes with true when that was its first use.
     */
    public static RequestNonce pending(byte[] value, Instant expires,
                                       BiFunction<byte[], Instant, Future<Boolean>> alone) {
        return new RequestNonce(new Fresh(value, expires), alone, State.PENDING);
    }

    /**
     * Hands the nonce to a statement that records it, once: empty when it is recorded already
     * (the statement then records nothing and does its work). The caller reports the
     * statement's verdict with {@link #recorded}.
     */
    public synchronized Optional<Fresh> fold() {
        if (state != State.PENDING) {
            return Optional.empty();
        }
        state = State.FOLDED;
        return Optional.of(fresh);
    }

    /**
     * The verdict of the statement that took the nonce: {@code firstUse} false means it was used
     * before, the statement did nothing, and this throws badNonce.
     */
    public synchronized void recorded(boolean firstUse) {
        if (state == State.FOLDED) {
            state = firstUse ? State.RECORDED : State.REPLAYED;
        }
        if (state == State.REPLAYED) {
            throw badNonce();
        }
    }

    /**
     * Completes once the nonce is recorded: at once when a statement recorded it, else on its
     * own (also when a statement took it but failed before saying, since its transaction then
     * rolled back); badNonce when it was used before.
     */
    public Future<Void> settle() {
        State now;
        synchronized (this) {
            now = state;
        }
        return switch (now) {
            case RECORDED -> Future.succeededFuture();
            case REPLAYED -> Future.failedFuture(badNonce());
            case PENDING, FOLDED -> alone.apply(fresh.value(), fresh.expires())
                    .compose(first -> {
                        synchronized (this) {
                            state = first ? State.RECORDED : State.REPLAYED;
                        }
                        return first ? Future.succeededFuture()
                                : Future.failedFuture(badNonce());
                    });
        };
    }

    private static AcmeProblem badNonce() {
        return new AcmeProblem(ProblemType.BAD_NONCE, REFUSED);
    }
}
