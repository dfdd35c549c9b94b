package org.stica.hsm;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.OutputStream;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Runs every CA signature on a dedicated named worker pool ({@code stica-signer}, unordered),
 * never on an event loop, with at most {@code maxSessions} concurrent operations (a real HSM
 * fails with "Could not obtain session" past its limit). Signature algorithm: SHA256withECDSA.
 *
 * <p>The pool is a Vert.x shared worker executor: pools created with the same name on the same
 * {@link Vertx} share the threads and keep the size of the first one. The vault is not owned:
 * {@link #close()} releases the threads only; the caller closes the vault. A failure (unknown
 * alias: {@link KeyVaultException.Kind#UNKNOWN_KEY}) arrives as a failed future.
 *
 * <p>Every operation is bounded by {@code timeout} (issue 14: an HSM that hangs must not hang
 * the server): past it the caller gets {@link KeyVaultException.Kind#UNAVAILABLE} and the result
 * the worker thread may still produce later is discarded. While every session is taken by an
 * operation and the newest outcome was a failure, a new operation fails at once with
 * {@code UNAVAILABLE} instead of queueing behind a hung token. {@link #failure()} tells the health
 * endpoint whether the HSM is failing; the next successful operation clears it.
 *
 * <p>Each operation's duration and outcome go to the {@link SignerObserver}; {@link #inFlight()}
 * and {@link #maxSessions()} tell how many wait for a session (monitoring, issue 17).
 */
public final class SignerPool implements AutoCloseable {
    /** The worker pool name, visible in thread names and metrics. */
    public static final String POOL_NAME = "stica-signer";
    /** ecdsa-with-SHA256 over P-256, the SHAKEN signature algorithm (STANDARDS §1.1 item 3). */
    public static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";

    /** The default bound of one operation. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final KeyVault vault;
    private final WorkerExecutor executor;
    private final int maxSessions;
    private final long timeoutMillis;
    private final SignerObserver observer;
    private final AtomicInteger inFlight = new AtomicInteger();
    /** The newest operation's failure, null after a success. */
    private volatile String lastFailure;

    public SignerPool(Vertx vertx, KeyVault vault, int maxSessions) {
        this(vertx, vault, maxSessions, DEFAULT_TIMEOUT);
    }

    /** A pool whose every operation fails with {@code UNAVAILABLE} after {@code timeout}. */
    public SignerPool(Vertx vertx, KeyVault vault, int maxSessions, Duration timeout) {
        this(vertx, vault, maxSessions, timeout, SignerObserver.NONE);
    }

    /** As above, telling {@code observer} how long each operation took and how it ended. */
    public SignerPool(Vertx vertx, KeyVault vault, int maxSessions, Duration timeout,
                      SignerObserver observer) {
        Objects.requireNonNull(vertx, "vertx");
        this.observer = Objects.requireNonNull(observer, "observer");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        this.maxSessions = maxSessions;
        this.timeoutMillis = timeout.toMillis();
        this.vault = Objects.requireNonNull(vault, "vault");
        if (maxSessions < 1) {
            throw new IllegalArgumentException("maxSessions must be at least 1, got "
                    + maxSessions);
        }
        this.executor = vertx.createSharedWorkerExecutor(POOL_NAME, maxSessions);
    }

    /** Runs {@code work} with a BC ContentSigner backed by the key {@code alias}. */
    public <T> Future<T> withSigner(String alias, SigningWork<T> work) {
        Objects.requireNonNull(work, "work");
        long started = System.nanoTime();
        String failing = lastFailure;
        if (failing != null && inFlight.get() >= maxSessions) {
            KeyVaultException busy = new KeyVaultException(KeyVaultException.Kind.UNAVAILABLE,
                    "HSM unavailable: every session is busy and the last operation failed ("
                            + failing + ")");
            observer.ended(System.nanoTime() - started, Optional.of(busy));
            return Future.failedFuture(busy);
        }
        inFlight.incrementAndGet();
        Future<T> done = executor.executeBlocking(() -> {
            try {
                return work.apply(contentSigner(alias));
            } finally {
                inFlight.decrementAndGet();
            }
        }, false);
        return done.timeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .recover(failure -> Future.failedFuture(unavailable(alias, failure)))
                .andThen(outcome -> {
                    lastFailure = outcome.succeeded() ? null : outcome.cause().getMessage();
                    observer.ended(System.nanoTime() - started,
                            Optional.ofNullable(outcome.cause()));
                });
    }

    /** Operations asked for and not yet ended: running on a session or waiting for one. */
    public int inFlight() {
        return inFlight.get();
    }

    /** The most operations that run at once (the HSM sessions); the rest wait. */
    public int maxSessions() {
        return maxSessions;
    }

    /** Why the newest operation failed, while it is the newest; empty when the HSM answers. */
    public Optional<String> failure() {
        return Optional.ofNullable(lastFailure);
    }

    /** A DER-encoded SHA256withECDSA signature over {@code data} with the key {@code alias}. */
    public Future<byte[]> sign(String alias, byte[] data) {
        byte[] copy = data.clone();
        return withSigner(alias, signer -> signOnce(signer, copy));
    }

    public KeyVault vault() {
        return vault;
    }

    /** Releases this pool's hold on the shared worker threads; the vault stays open. */
    @Override
    public void close() {
        executor.close();
    }

    /** A timeout becomes {@code UNAVAILABLE}; any other failure is passed on as it is. */
    private Throwable unavailable(String alias, Throwable failure) {
        if (failure instanceof java.util.concurrent.TimeoutException) {
            return new KeyVaultException(KeyVaultException.Kind.UNAVAILABLE, "HSM operation with '"
                    + alias + "' did not complete within " + timeoutMillis + " ms", failure);
        }
        return failure;
    }

    private ContentSigner contentSigner(String alias) throws OperatorCreationException {
        PrivateKey key = vault.privateKey(alias);
        return new JcaContentSignerBuilder(SIGNATURE_ALGORITHM)
                .setProvider(vault.provider())
                .build(key);
    }

    private static byte[] signOnce(ContentSigner signer, byte[] data) throws Exception {
        try (OutputStream out = signer.getOutputStream()) {
            out.write(data);
        }
        return signer.getSignature();
    }
}
