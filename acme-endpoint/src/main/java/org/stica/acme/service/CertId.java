package org.stica.acme.service;

import java.math.BigInteger;
import java.util.Base64;
import org.stica.acme.jws.FlattenedJwsCheck;
import org.stica.acme.problem.AcmeProblem;

/**
 * An ARI certificate identifier (RFC 9773 §4.1): {@code base64url(AKI keyIdentifier) "."
 * base64url(serial DER contents)}, both without padding. The serial bytes are the two's
 * complement contents of the DER INTEGER (a leading 00 when the high bit is set).
 */
public record CertId(byte[] authorityKeyId, byte[] serialBytes) {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    public CertId {
        authorityKeyId = authorityKeyId.clone();
        serialBytes = serialBytes.clone();
    }

    @Override
    public byte[] authorityKeyId() {
        return authorityKeyId.clone();
    }

    @Override
    public byte[] serialBytes() {
        return serialBytes.clone();
    }

    /** Parses a certID; anything but two non-empty unpadded base64url parts → malformed. */
    public static CertId parse(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()
                || !FlattenedJwsCheck.isStrictBase64Url(parts[0])
                || !FlattenedJwsCheck.isStrictBase64Url(parts[1])) {
            throw AcmeProblem.malformed("certID must be base64url(AKI) '.' base64url(serial)"
                    + " without padding (RFC 9773 §4.1)");
        }
        return new CertId(Base64.getUrlDecoder().decode(parts[0]),
                Base64.getUrlDecoder().decode(parts[1]));
    }

    /** The certID of a certificate given its issuer key identifier and serial. */
    public static CertId of(byte[] authorityKeyId, BigInteger serial) {
        return new CertId(authorityKeyId, serial.toByteArray());
    }

    /** The serial as lowercase hex without leading zeros ({@code BigInteger.toString(16)}). */
    public String serialHex() {
        return new BigInteger(serialBytes).toString(16);
    }

    /** The textual certID. */
    public String text() {
        return B64.encodeToString(authorityKeyId) + "." + B64.encodeToString(serialBytes);
    }
}
