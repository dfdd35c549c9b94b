package org.stica.crl.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One published CRL: its number, validity window, SHA-256 (lowercase hex) and size of the DER,
 * the number of entries, and the local file holding the DER. A CRL of any size is handled through
 * its file (streamed to the store, served with sendFile); {@link #der()} reads it whole and is
 * meant for small CRLs (the ARL) and tests. Two values are equal when number and SHA-256 are.
 *
 * @param file where the DER is cached locally; for a row read inside a store transaction the file
 *             may not have been fetched yet
 */
public record StoredCrl(BigInteger number, Instant thisUpdate, Instant nextUpdate, String sha256,
                        long size, long entries, Path file) {

    public StoredCrl {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(thisUpdate, "thisUpdate");
        Objects.requireNonNull(nextUpdate, "nextUpdate");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(file, "file");
    }

    /**
     * A stored CRL for {@code der} (small CRLs and tests): writes it to a temporary file and
     * computes its SHA-256; the entry count is left unknown (-1).
     */
    public static StoredCrl of(BigInteger number, Instant thisUpdate, Instant nextUpdate,
            byte[] der) {
        try {
            Path file = Files.createTempFile("stica-crl", ".der");
            file.toFile().deleteOnExit();
            Files.write(file, der);
            return new StoredCrl(number, thisUpdate, nextUpdate, sha256Hex(der), der.length, -1,
                    file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a CRL file", e);
        }
    }

    /** The whole DER, read from {@link #file()} (small CRLs only: blocking). */
    public byte[] der() {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read CRL " + number + " from " + file, e);
        }
    }

    /** This CRL with its DER at {@code other}. */
    public StoredCrl at(Path other) {
        return new StoredCrl(number, thisUpdate, nextUpdate, sha256, size, entries, other);
    }

    /** Lowercase hex SHA-256 of {@code data}. */
    public static String sha256Hex(byte[] data) {
        return HexFormat.of().formatHex(newSha256().digest(data));
    }

    /** A fresh SHA-256 digest. */
    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
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
                + ", nextUpdate=" + nextUpdate + ", sha256=" + sha256 + ", size=" + size
                + ", entries=" + entries + "]";
    }
}
