package org.stica.server.issuance;

import io.vertx.core.Future;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.bouncycastle.asn1.x500.X500Name;
import org.stica.crl.port.RevokedCertificateSource;
import org.stica.crl.port.RevokedEntry;
import org.stica.server.ca.CaHierarchy;
import org.stica.server.store.pg.PgCertificateExpiry;
import org.stica.server.store.pg.PgCertificateStore;
import org.stica.server.store.pg.PgRevokedCursor;

/**
 * {@link RevokedCertificateSource} over the {@code certificate} table: revoked certificates that
 * have not expired, each with certificateIssuer = our intermediate's subject (the CRL is indirect,
 * RFC 5280 §5.3.3).
 */
public final class CertificateRevocationSource implements RevokedCertificateSource {
    private final PgCertificateStore store;
    private final CaHierarchy hierarchy;
    private final Optional<PgCertificateExpiry> expiry;
    private Optional<PgRevokedCursor> cursor = Optional.empty();
    private X500Name issuerName;

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

    /** With a cursor for {@link #streamRevokedUnexpired} (large CRLs) and the expiry lookup. */
    public CertificateRevocationSource(PgCertificateStore store, CaHierarchy hierarchy,
                                       PgCertificateExpiry expiry, PgRevokedCursor cursor) {
        this.store = store;
        this.hierarchy = hierarchy;
        this.expiry = Optional.of(expiry);
        this.cursor = Optional.of(cursor);
        this.issuerName = hierarchy.intermediateName();
    }

    @Override
    public Future<Long> streamRevokedUnexpired(Instant now, int batchSize,
            Function<List<RevokedEntry>, Future<Void>> sink) {
        if (cursor.isEmpty()) {
            return RevokedCertificateSource.super.streamRevokedUnexpired(now, batchSize, sink);
        }
        return cursor.get().stream(now, batchSize,
                rows -> sink.apply(rows.stream().map(this::entry).toList()));
    }

    private RevokedEntry entry(RevokedRow row) {
        return new RevokedEntry(new BigInteger(row.serialHex(), 16), row.revokedAt(),
                row.reason(), issuerName);
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
