package org.stica.crl.build;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The identifier and definite length octets of a DER constructed encoding whose contents are too
 * large to hold in memory (X.690 §8.1.2, §8.1.3: short form below 128, else long form with the
 * minimum number of length octets, §10.1). Used only for the three container headers of a
 * streamed CRL; every entry and field is encoded by Bouncy Castle. Tested against BC's encoder.
 */
public final class DerHeader {
    /** Tag of a universal SEQUENCE (constructed). */
    public static final int SEQUENCE = 0x30;
    /** Longest definite length accepted when reading (a CRL file is far below this). */
    private static final int MAX_LENGTH_OCTETS = 7;

    /** A read header: the tag octet, the content length and the header's own bytes. */
    public record Header(int tag, long length, byte[] encoded) {
    }

    private DerHeader() {
    }

    /**
     * Reads one header of a low tag number (X.690 §8.1.2.2) with a definite length in minimal
     * form (§10.1); throws {@link IOException} on anything else (indefinite length, high tag
     * numbers, non-minimal lengths, end of stream).
     */
    public static Header read(InputStream in) throws IOException {
        int tag = readOctet(in);
        if ((tag & 0x1f) == 0x1f) {
            throw new IOException("high tag numbers are not expected in a CRL");
        }
        int first = readOctet(in);
        if (first < 0x80) {
            return new Header(tag, first, new byte[] {(byte) tag, (byte) first});
        }
        int octets = first & 0x7f;
        if (octets == 0 || octets > MAX_LENGTH_OCTETS) {
            throw new IOException("indefinite or oversized length (X.690 §10.1)");
        }
        long length = 0;
        for (int i = 0; i < octets; i++) {
            length = (length << 8) | readOctet(in);
        }
        byte[] encoded = of(tag, length);
        if (encoded.length != 2 + octets) {
            throw new IOException("length not in minimal form (X.690 §10.1)");
        }
        return new Header(tag, length, encoded);
    }

    private static int readOctet(InputStream in) throws IOException {
        int octet = in.read();
        if (octet < 0) {
            throw new EOFException("truncated DER header");
        }
        return octet;
    }

    static byte[] of(int tag, long contentLength) {
        if (contentLength < 0) {
            throw new IllegalArgumentException("negative length " + contentLength);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(10);
        out.write(tag);
        if (contentLength < 0x80) {
            out.write((int) contentLength);
            return out.toByteArray();
        }
        int octets = (64 - Long.numberOfLeadingZeros(contentLength) + 7) / 8;
        out.write(0x80 | octets);
        for (int i = octets - 1; i >= 0; i--) {
            out.write((int) (contentLength >>> (8 * i)) & 0xff);
        }
        return out.toByteArray();
    }
}
