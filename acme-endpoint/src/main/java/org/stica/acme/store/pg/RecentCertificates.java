package org.stica.acme.store.pg;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.stica.acme.model.CertificateRecord;

/**
 * The certificates this instance recorded most recently, by id, so that the download that
 * follows an issuance (RFC 8555 §7.4.2) needs no SELECT. A recorded certificate never changes
 * (revocation does not touch its chain), so an entry cannot go stale; a certificate recorded by
 * another instance, or evicted, is read from {@code acme_certificate}. Least recently used
 * entries go first; thread-safe.
 */
public final class RecentCertificates {
    /** Entries kept by default: minutes of issuance at hundreds per second. */
    public static final int DEFAULT_CAPACITY = 10_000;

    private final Map<String, CertificateRecord> entries;

    public RecentCertificates(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CertificateRecord> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Called once the certificate's row is committed. */
    void remember(CertificateRecord certificate) {
        synchronized (entries) {
            entries.put(certificate.id(), certificate);
        }
    }

    Optional<CertificateRecord> find(String id) {
        synchronized (entries) {
            return Optional.ofNullable(entries.get(id));
        }
    }
}
