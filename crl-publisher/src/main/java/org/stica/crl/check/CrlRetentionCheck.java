package org.stica.crl.check;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x500.X500Name;
import org.stica.crl.CrlException;
import org.stica.crl.port.RevokedEntry;
import org.stica.crl.port.RevokedKey;

/**
 * Refuses a CRL that would drop a revoked certificate which has not expired (RFC 5280 §3.3: an
 * entry stays on the CRL until the certificate's validity ends; STANDARDS.md §6.2). Entries are
 * identified by (certificateIssuer, serial), never by serial alone: an indirect CRL may list the
 * same serial for two issuers (RFC 5280 §5.3.3). {@link #collector} lists, while the previous CRL
 * is read, the entries the new CRL leaves out; the caller looks up their notAfter and
 * {@link #verify} refuses unless every one has expired. An unknown expiry counts as still valid
 * (fail closed).
 */
public final class CrlRetentionCheck {

    /**
     * A visitor for the previous CRL's entries adding to {@code dropped} each one that is not in
     * {@code kept} (the new CRL's entries, keyed without reason).
     */
    public EntryVisitor collector(EntryKeys kept, List<RevokedKey> dropped) {
        return (issuer, serial, reason) -> {
            if (!kept.contains(issuer, serial, EntryKeys.ANY_REASON)) {
                dropped.add(new RevokedKey(X500Name.getInstance(issuer), serial));
            }
        };
    }

    /** The entries of the CRL file {@code previous} that {@code entries} leave out. Blocking. */
    public List<RevokedKey> dropped(Path previous, Collection<RevokedEntry> entries) {
        EntryKeys kept = new EntryKeys();
        for (RevokedEntry entry : entries) {
            kept.add(encoded(entry.certificateIssuer()), entry.serial(), EntryKeys.ANY_REASON);
        }
        kept.seal();
        List<RevokedKey> dropped = new ArrayList<>();
        new CrlFileReader().read(previous, Optional.empty(),
                Optional.of(collector(kept, dropped)));
        return dropped;
    }

    /**
     * Throws {@code CrlException(UNSAFE)} naming the first dropped entry whose certificate is
     * still valid at {@code now} or whose notAfter is unknown.
     */
    public void verify(List<RevokedKey> dropped, Map<RevokedKey, Instant> notAfter, Instant now) {
        for (RevokedKey key : dropped) {
            Instant expiry = notAfter.get(key);
            if (expiry == null || expiry.isAfter(now)) {
                throw new CrlException(CrlException.Kind.UNSAFE, "the new CRL drops serial "
                        + key.serial().toString(16) + " of " + key.issuer() + " whose certificate "
                        + (expiry == null ? "has an unknown expiry" : "is valid until " + expiry)
                        + " (RFC 5280 §3.3)");
            }
        }
    }

    /** The DER of a Name, as {@link EntryKeys} and {@link CrlFileReader} key issuers. */
    public static byte[] encoded(X500Name name) {
        try {
            return name.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new CrlException(CrlException.Kind.UNSAFE, "cannot encode an issuer name", e);
        }
    }
}
