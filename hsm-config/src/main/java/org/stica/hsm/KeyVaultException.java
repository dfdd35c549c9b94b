package org.stica.hsm;

import java.util.Objects;

/**
 * Why a {@link KeyVault} or the {@link SignerPool} refused or failed an operation. The
 * {@link Kind} lets the caller's single error mapper choose a response; the message names the
 * alias or the store but never a PIN, password or key material.
 */
public final class KeyVaultException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, from the caller's point of view. */
    public enum Kind {
        /** No key (pending or stored) under the alias. */
        UNKNOWN_KEY,
        /** {@link KeyVault#generate} was asked for an alias that already exists. */
        ALIAS_EXISTS,
        /** The chain's subject certificate does not carry the key's public key, or is empty. */
        CHAIN_MISMATCH,
        /** The configuration cannot work (library missing, token label unknown, bad PIN...). */
        MISCONFIGURED,
        /** The token or the store failed (I/O, PKCS#11 error, signature failure). */
        STORE_FAILURE,
        /** The token did not answer in time, or is failing while every session is busy. */
        UNAVAILABLE
    }

    private final Kind kind;

    public KeyVaultException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public KeyVaultException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }
}
