package org.stica.crl.check;

import java.nio.file.Path;
import java.util.Optional;

/** Counts the revokedCertificates entries of a DER CRL file (RFC 5280 §5.1.2.6); blocking. */
public final class CrlEntryCount {
    private CrlEntryCount() {
    }

    /** The number of entries; 0 when the field is absent. */
    public static long of(Path crl) {
        long[] count = {0};
        new CrlFileReader().read(crl, Optional.empty(), Optional.of((issuer, serial, reason) ->
                count[0]++));
        return count[0];
    }
}
