package org.stica.acme.service;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.stica.acme.model.RandomIds;
import org.stica.acme.problem.AcmeProblem;
import org.stica.acme.problem.ProblemType;
import org.stica.acme.store.pg.PgNonceStore;

/**
 * Replay nonces (RFC 8555 §6.5): 128-bit random base64url values kept in PostgreSQL with an
 * expiry, so any instance on the same database accepts them, each exactly once.
 */
public final class NonceService {
    private final PgNonceStore store;
    private final Clock clock;
    private final Duration lifetime;

    public NonceService(PgNonceStore store, Clock clock, Duration lifetime) {
        this.store = store;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** A fresh nonce, stored before it is handed out. */
    public Future<String> issue() {
        String nonce = RandomIds.next();
        Instant now = clock.instant();
        return store.insert(nonce, now, now.plus(lifetime)).map(nonce);
    }

    /** Redeems a nonce once; unknown, used or expired → badNonce (§6.5). */
    public Future<Void> redeem(String nonce) {
        return store.redeem(nonce, clock.instant()).compose(ok -> ok ? Future.succeededFuture()
                : Future.failedFuture(new AcmeProblem(ProblemType.BAD_NONCE,
                        "JWS nonce is unknown, already used or expired")));
    }
}
