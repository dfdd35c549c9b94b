package org.stica.hsm;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Runs every CA signature on a dedicated named worker pool ({@code stica-signer}, unordered),
 * never on an event loop, with at most {@code maxSessions} concurrent operations (a real HSM
 * fails with "Could not obtain session" past its limit). Signature algorithm: SHA256withECDSA.
 */
public final class SignerPool implements AutoCloseable {

    public SignerPool(Vertx vertx, KeyVault vault, int maxSessions) {
    }

    /** Runs {@code work} with a BC ContentSigner backed by the key {@code alias}. */
    public <T> Future<T> withSigner(String alias, SigningWork<T> work) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** A DER-encoded SHA256withECDSA signature over {@code data} with the key {@code alias}. */
    public Future<byte[]> sign(String alias, byte[] data) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public KeyVault vault() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    @Override
    public void close() {
    }
}
