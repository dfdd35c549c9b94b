package org.stica.policy.rcd;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;

/**
 * The digest algorithms an {@code rcdi} value may name (RFC 9795 §6: {@code sha256},
 * {@code sha384} and {@code sha512} MUST be supported; the name is lowercase without a hyphen).
 * A digest string is {@code <name>-<base64>}: standard base64 alphabet with the {@code =} padding
 * stripped, as in every RFC 9795 example (RCD.md §2).
 */
public enum RcdiAlgorithm {
    SHA256("sha256", "SHA-256"),
    SHA384("sha384", "SHA-384"),
    SHA512("sha512", "SHA-512");

    private final String label;
    private final String jcaName;

    RcdiAlgorithm(String label, String jcaName) {
        this.label = label;
        this.jcaName = jcaName;
    }

    /** The lowercase name used in digest strings, e.g. {@code sha256}. */
    public String label() {
        return label;
    }

    /** {@code <label>-<base64 without padding>} of the digest of {@code input}. */
    public String digest(byte[] input) {
        try {
            byte[] hash = MessageDigest.getInstance(jcaName).digest(input);
            return label + "-" + Base64.getEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jcaName + " is unavailable", e);
        }
    }

    /** The algorithm a digest string names, if it is one of the three. */
    public static Optional<RcdiAlgorithm> of(String digestString) {
        int dash = digestString.indexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        String name = digestString.substring(0, dash);
        for (RcdiAlgorithm algorithm : values()) {
            if (algorithm.label.equals(name)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }
}
