package org.stica.policy.profile;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Certificate serials (STANDARDS.md §1.1.2): 16 CSPRNG bytes, top bit cleared, redrawn when
 * {@code bitLength() < 64}; positive and at most 20 octets (RFC 5280 §4.1.2.2). Uniqueness per
 * issuer is the caller's job (a UNIQUE(issuer, serial) row in PostgreSQL).
 */
public final class SerialNumbers {
    /** Random bytes drawn per serial. */
    public static final int RANDOM_BYTES = 16;
    /** ATIS-1000080 v005 (zlint {@code e_atis_serial_number_size}): at least 64 bits. */
    public static final int MIN_BITS = 64;
    /** RFC 5280 §4.1.2.2: at most 20 octets of INTEGER content. */
    public static final int MAX_OCTETS = 20;

    private SerialNumbers() {
    }

    public static BigInteger random(SecureRandom random) {
        byte[] bytes = new byte[RANDOM_BYTES];
        while (true) {
            random.nextBytes(bytes);
            bytes[0] &= 0x7f;
            BigInteger serial = new BigInteger(1, bytes);
            if (serial.bitLength() >= MIN_BITS) {
                return serial;
            }
        }
    }

    /** Whether {@code serial} is positive, has at least 64 bits and fits in 20 octets. */
    public static boolean isAcceptable(BigInteger serial) {
        return serial.signum() > 0 && serial.bitLength() >= MIN_BITS
                && serial.toByteArray().length <= MAX_OCTETS;
    }

    /**
     * The non-negative serial number written as hex digits (as stored; any case, even or odd
     * length). Decodes the bytes at once rather than digit groups as {@code new BigInteger(s, 16)}
     * does, which showed in the profile of a 1,000,000-entry CRL build.
     *
     * @throws IllegalArgumentException when {@code hex} is empty or not hex
     */
    public static BigInteger fromHex(String hex) {
        if (hex.isEmpty()) {
            throw new IllegalArgumentException("empty serial number");
        }
        String even = (hex.length() & 1) == 0 ? hex : "0" + hex;
        return new BigInteger(1, HexFormat.of().parseHex(even));
    }
}
