package org.stica.hsm;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.OutputStream;
import java.security.PrivateKey;
import java.util.Objects;
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
 */
public final class SignerPool implements AutoCloseable {
    /** The worker pool name, visible in thread names and metrics. */
    public static final String POOL_NAME = "stica-signer";
    /** ecdsa-with-SHA256 over P-256, the SHAKEN signature algorithm (STANDARDS §1.1 item 3). */
    public static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";

    private final KeyVault vault;
    private final WorkerExecutor executor;

    public SignerPool(Vertx vertx, KeyVault vault, int maxSessions) {
        Objects.requireNonNull(vertx, "vertx");
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
        return executor.executeBlocking(() -> work.apply(contentSigner(alias)), false);
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
