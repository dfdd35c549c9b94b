package org.stica.acme.service;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.stica.acme.jws.RequestNonce;
import org.stica.acme.model.NonceKey;
import org.stica.acme.problem.AcmeProblem;
import org.stica.acme.problem.ProblemType;
import org.stica.acme.store.pg.PgNonceKeyStore;
import org.stica.acme.store.pg.PgNonceStore;

/**
 * Replay nonces (RFC 8555 §6.5) that any instance on the same database accepts, each exactly
 * once. Issuing is stateless: a {@link NonceCodec} nonce carries its expiry and an HMAC under the
 * key all instances share ({@link PgNonceKeyStore}), so it costs no database work. Redeeming one
 * that is well formed, authentic and unexpired costs one statement that records its random part
 * as used ({@link PgNonceStore}); forged or expired nonces never reach the database. Every
 * refusal is the same badNonce.
 *
 * <p>The key is loaded by {@link #start()} (non-blocking: two queries on the pool); a nonce
 * asked for before that loads it first, and a failed load is retried by the next request.
 */
public final class NonceService {
    static final String REFUSED = RequestNonce.REFUSED;

    private final PgNonceKeyStore keys;
    private final PgNonceStore used;
    private final Clock clock;
    private final Duration lifetime;
    private final SecureRandom random = new SecureRandom();
    private final AtomicReference<Future<NonceCodec>> codec = new AtomicReference<>();

    public NonceService(PgNonceKeyStore keys, PgNonceStore used, Clock clock, Duration lifetime) {
        this.keys = keys;
        this.used = used;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /**
     * Loads the shared key, storing a fresh random one first if the database has none yet (the
     * first instance's key wins, every instance reads it back). Completes once; safe to repeat.
     */
    public Future<Void> start() {
        return codec().mapEmpty();
    }

    /** A fresh nonce; once the key is loaded it completes at once, with no database work. */
    public Future<String> issue() {
        return codec().map(c -> c.issue(clock.instant().plus(lifetime)));
    }

    /**
     * Checks a nonce's form, MAC and expiry (no database work) and returns it still to be
     * recorded as used: by the handler's first statement ({@link RequestNonce#fold}) or on its
     * own ({@link RequestNonce#settle}); badNonce when any check fails.
     */
    public Future<RequestNonce> open(String nonce) {
        return codec().compose(c -> c.open(nonce, clock.instant())
                .map(opened -> Future.succeededFuture(RequestNonce.pending(opened.random(),
                        opened.expires(), this::markUsed)))
                .orElseGet(() -> Future.failedFuture(
                        new AcmeProblem(ProblemType.BAD_NONCE, REFUSED))));
    }

    private Future<Boolean> markUsed(byte[] random, Instant expires) {
        return used.markUsed(random, expires, clock.instant());
    }

    private Future<NonceCodec> codec() {
        Future<NonceCodec> current = codec.get();
        if (current != null && !current.failed()) {
            return current;
        }
        Promise<NonceCodec> loading = Promise.promise();
        if (!codec.compareAndSet(current, loading.future())) {
            return codec();
        }
        keys.insertIfAbsentAndLoad(NonceKey.generate(NonceKey.FIRST_ID, random), clock.instant())
                .map(stored -> new NonceCodec(stored, random))
                .onComplete(loading);
        return loading.future();
    }
}
