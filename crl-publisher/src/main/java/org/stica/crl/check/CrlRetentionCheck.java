package org.stica.crl.check;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.cert.X509CRLEntryHolder;
import org.bouncycastle.cert.X509CRLHolder;
import org.stica.crl.CrlException;
import org.stica.crl.port.RevokedEntry;

/**
 * Refuses a CRL that would drop a revoked certificate which has not expired (RFC 5280 §3.3: an
 * entry stays on the CRL until the certificate's validity ends; STANDARDS.md §6.2). Pure:
 * {@link #dropped} lists the serials on the previous CRL that the new entries leave out, the
 * caller looks up their notAfter, and {@link #verify} refuses unless every one has expired.
 * A serial whose expiry is unknown counts as still valid (fail closed).
 */
public final class CrlRetentionCheck {

    /** Serials on {@code previousDer} that are not among {@code entries}. CPU-bound. */
    public List<BigInteger> dropped(byte[] previousDer, Collection<RevokedEntry> entries) {
        Set<BigInteger> kept = new HashSet<>();
        for (RevokedEntry entry : entries) {
            kept.add(entry.serial());
        }
        List<BigInteger> dropped = new ArrayList<>();
        for (Object item : parse(previousDer).getRevokedCertificates()) {
            BigInteger serial = ((X509CRLEntryHolder) item).getSerialNumber();
            if (!kept.contains(serial)) {
                dropped.add(serial);
            }
        }
        return dropped;
    }

    /**
     * Throws {@code CrlException(UNSAFE)} naming the first dropped serial whose certificate is
     * still valid at {@code now} or whose notAfter is unknown.
     */
    public void verify(List<BigInteger> dropped, Map<BigInteger, Instant> notAfter, Instant now) {
        for (BigInteger serial : dropped) {
            Instant expiry = notAfter.get(serial);
            if (expiry == null || expiry.isAfter(now)) {
                throw new CrlException(CrlException.Kind.UNSAFE, "the new CRL drops serial "
                        + serial.toString(16) + " whose certificate "
                        + (expiry == null ? "has an unknown expiry" : "is valid until " + expiry)
                        + " (RFC 5280 §3.3)");
            }
        }
    }

    private static X509CRLHolder parse(byte[] der) {
        try {
            return new X509CRLHolder(der);
        } catch (IOException | RuntimeException e) {
            throw new CrlException(CrlException.Kind.UNSAFE, "the previous CRL does not parse", e);
        }
    }
}
