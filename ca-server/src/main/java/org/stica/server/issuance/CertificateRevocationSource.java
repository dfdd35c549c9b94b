package org.stica.server.issuance;

import io.vertx.core.Future;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.stica.crl.port.RevokedCertificateSource;
import org.stica.crl.port.RevokedEntry;
import org.stica.server.ca.CaHierarchy;
import org.stica.server.store.pg.PgCertificateExpiry;
import org.stica.server.store.pg.PgCertificateStore;

/**
 * {@link RevokedCertificateSource} over the {@code certificate} table: revoked certificates that
 * have not expired, each with certificateIssuer = our intermediate's subject (the CRL is indirect,
 * RFC 5280 §5.3.3).
 */
public final class CertificateRevocationSource implements RevokedCertificateSource {
    private final PgCertificateStore store;
    private final CaHierarchy hierarchy;
    private final Optional<PgCertificateExpiry> expiry;

    public CertificateRevocationSource(PgCertificateStore store, CaHierarchy hierarchy) {
        this.store = store;
        this.hierarchy = hierarchy;
        this.expiry = Optional.empty();
    }

    /** With the expiry lookup the CRL retention check needs (RFC 5280 §3.3). */
    public CertificateRevocationSource(PgCertificateStore store, CaHierarchy hierarchy,
                                       PgCertificateExpiry expiry) {
        this.store = store;
        this.hierarchy = hierarchy;
        this.expiry = Optional.of(expiry);
    }

    @Override
    public Future<Map<BigInteger, Instant>> notAfter(Collection<BigInteger> serials) {
        return expiry.map(e -> e.notAfter(serials))
                .orElseGet(() -> Future.succeededFuture(Map.of()));
    }

    @Override
    public Future<List<RevokedEntry>> revokedUnexpired(Instant now) {
        return store.revokedUnexpired(now).map(rows -> rows.stream()
                .map(row -> new RevokedEntry(new BigInteger(row.serialHex(), 16), row.revokedAt(),
                        row.reason(), hierarchy.intermediateName()))
                .toList());
    }
}
