package org.stica.server.http;

import io.vertx.core.Future;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.stica.server.ca.CaInitializer;
import org.stica.server.issuance.CertificateRecord;
import org.stica.server.store.pg.PgCertificateStore;

/**
 * The STI-CR (x5u) content (RFC 9448 §7; STANDARDS.md §4.4): the PEM chain of an issued
 * certificate, end entity then intermediate (root left out), kept in an in-memory cache and
 * loaded from PostgreSQL on a miss. A certificate's chain never changes, so cached entries never
 * go stale; reserved (unsigned) serials are not served.
 */
public final class CertificateRepository {
    private static final int MAX_ENTRIES = 10_000;

    private final PgCertificateStore store;
    private final Function<String, X509Certificate> issuerByAlias;
    private final Map<String, RepositoryEntry> cache = new ConcurrentHashMap<>();

    public CertificateRepository(PgCertificateStore store, X509Certificate intermediate) {
        this(store, alias -> intermediate);
    }

    /**
     * Each chain ends with the intermediate that issued the certificate (its
     * {@code issuer_alias}), so chains stay right after an intermediate rollover.
     */
    public CertificateRepository(PgCertificateStore store,
                                 Function<String, X509Certificate> issuerByAlias) {
        this.store = store;
        this.issuerByAlias = issuerByAlias;
    }

    /** The chain of certificate {@code serialHex} (lowercase hex), if this CA issued it. */
    public Future<Optional<PemResource>> chain(String serialHex) {
        return entry(serialHex).map(found -> found.map(RepositoryEntry::pem));
    }

    /** The chain with the leaf's validity if it is in memory (downloaded before), else empty. */
    public Optional<RepositoryEntry> cached(String serialHex) {
        return Optional.ofNullable(cache.get(serialHex));
    }

    /** The chain with the leaf's validity, from memory when seen before. */
    public Future<Optional<RepositoryEntry>> entry(String serialHex) {
        RepositoryEntry cached = cache.get(serialHex);
        if (cached != null) {
            return Future.succeededFuture(Optional.of(cached));
        }
        return store.find(serialHex).map(found -> found.flatMap(this::toResource));
    }

    private Optional<RepositoryEntry> toResource(CertificateRecord record) {
        if (!record.status().recorded() || record.der().isEmpty()) {
            return Optional.empty();
        }
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(record.der().get()));
            RepositoryEntry resource = RepositoryEntry.of(PemResource.of(
                    CaInitializer.toPem(List.of(certificate,
                            issuerByAlias.apply(record.issuerAlias())))),
                    certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant());
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear();
            }
            cache.put(record.serialHex(), resource);
            return Optional.of(resource);
        } catch (CertificateException e) {
            throw new IllegalStateException("stored certificate " + record.serialHex()
                    + " does not parse", e);
        }
    }
}
