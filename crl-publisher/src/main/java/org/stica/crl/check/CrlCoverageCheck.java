package org.stica.crl.check;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;
import org.stica.crl.port.RevokedEntry;

/**
 * Decides whether a signed CRL already lists every given revocation with the same reason, matching
 * entries by certificateIssuer (RFC 5280 §5.3.3) and serial. Used when another instance built a
 * CRL while this one waited: if that CRL covers the current revocations, it is served as is.
 * {@link #listed} reads the CRL file once into compact keys; entries are then checked one by one
 * as they stream from the source.
 */
public final class CrlCoverageCheck {

    /** The entries of the CRL file, keyed with their reason. Blocking. */
    public EntryKeys listed(Path crl) {
        EntryKeys keys = new EntryKeys();
        new CrlFileReader().read(crl, Optional.empty(), Optional.of(keys::add));
        return keys.seal();
    }

    /** True when {@code entry} is in {@code listed} with the same reason. */
    public boolean lists(EntryKeys listed, RevokedEntry entry) {
        return listed.contains(CrlRetentionCheck.encoded(entry.certificateIssuer()), entry.serial(),
                entry.reasonCode());
    }

    /** True when every entry of {@code revoked} is on the CRL file {@code crl}. Blocking. */
    public boolean covers(Path crl, Collection<RevokedEntry> revoked) {
        EntryKeys listed = listed(crl);
        return revoked.stream().allMatch(entry -> lists(listed, entry));
    }
}
