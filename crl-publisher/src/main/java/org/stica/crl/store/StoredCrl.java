package org.stica.crl.store;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One published CRL as stored in table {@code crl}: its number, validity window, DER encoding
 * and the SHA-256 (lowercase hex) of the DER.
 */
public record StoredCrl(BigInteger number, Instant thisUpdate, Instant nextUpdate, byte[] der,
                        String sha256) {

    public StoredCrl {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(thisUpdate, "thisUpdate");
        Objects.requireNonNull(nextUpdate, "nextUpdate");
        Objects.requireNonNull(der, "der");
        Objects.requireNonNull(sha256, "sha256");
    }

    /** A stored CRL for {@code der}, computing its SHA-256. */
    public static StoredCrl of(BigInteger number, Instant thisUpdate, Instant nextUpdate,
            byte[] der) {
        return new StoredCrl(number, thisUpdate, nextUpdate, der.clone(), sha256Hex(der));
    }

    /** Lowercase hex SHA-256 of {@code data}. */
    public static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    @Override
    public byte[] der() {
        return der.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredCrl that && number.equals(that.number)
                && sha256.equals(that.sha256);
    }

    @Override
    public int hashCode() {
        return Objects.hash(number, sha256);
    }

    @Override
    public String toString() {
        return "StoredCrl[number=" + number + ", thisUpdate=" + thisUpdate
                + ", nextUpdate=" + nextUpdate + ", sha256=" + sha256 + "]";
    }
}
