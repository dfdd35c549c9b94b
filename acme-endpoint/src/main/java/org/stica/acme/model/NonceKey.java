package org.stica.acme.model;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * One HMAC key of the stateless replay nonces (RFC 8555 §6.5), shared by every instance on the
 * database. The id travels in each nonce so that a future rotation can still accept nonces made
 * with the previous key; {@link #toString()} never shows the secret.
 *
 * @param id     0..255, the key id byte of the nonce
 * @param secret 32 bytes
 */
public record NonceKey(int id, byte[] secret) {
    /** Length of a key in bytes (HMAC-SHA256 block-size keys are not needed; 256 bits are). */
    public static final int LENGTH = 32;
    /** The id of the first key an instance generates when the database holds none. */
    public static final int FIRST_ID = 1;

    public NonceKey {
        if (id < 0 || id > 255) {
            throw new IllegalArgumentException("nonce key id must be 0..255");
        }
        if (secret == null || secret.length != LENGTH) {
            throw new IllegalArgumentException("nonce key must be " + LENGTH + " bytes");
        }
        secret = secret.clone();
    }

    /** A fresh random key with the given id. */
    public static NonceKey generate(int id, SecureRandom random) {
        byte[] secret = new byte[LENGTH];
        random.nextBytes(secret);
        return new NonceKey(id, secret);
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NonceKey key && key.id == id && Arrays.equals(key.secret, secret);
    }

    @Override
    public int hashCode() {
        return 31 * id + Arrays.hashCode(secret);
    }

    @Override
    public String toString() {
        return "NonceKey[id=" + id + "]";
    }
}
