package org.stica.crl.build;

import java.io.ByteArrayOutputStream;

/**
 * The identifier and definite length octets of a DER constructed encoding whose contents are too
 * large to hold in memory (X.690 §8.1.2, §8.1.3: short form below 128, else long form with the
 * minimum number of length octets, §10.1). Used only for the three container headers of a
 * streamed CRL; every entry and field is encoded by Bouncy Castle. Tested against BC's encoder.
 */
final class DerHeader {
    /** Tag of a universal SEQUENCE (constructed). */
    static final int SEQUENCE = 0x30;

    private DerHeader() {
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
