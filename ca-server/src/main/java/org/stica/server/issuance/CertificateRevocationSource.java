package org.stica.server.issuance;

import io.vertx.core.Future;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.bouncycastle.asn1.x500.X500Name;
import org.stica.crl.port.RevokedCertificateSource;
import org.stica.crl.port.RevokedEntry;
import org.stica.crl.port.RevokedKey;
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

    /**
     * notAfter by (issuer, serial): only certificates of our intermediate are known here; any
     * other issuer is left out, so the CRL retention check keeps its entries (fail closed).
     */
    @Override
    public Future<Map<RevokedKey, Instant>> notAfter(Collection<RevokedKey> certificates) {
        X500Name ours = hierarchy.intermediateName();
        List<RevokedKey> known = certificates.stream()
                .filter(key -> key.issuer().equals(ours)).toList();
        if (expiry.isEmpty() || known.isEmpty()) {
            return Future.succeededFuture(Map.of());
        }
        return expiry.get().notAfter(known.stream().map(RevokedKey::serial).toList())
                .map(bySerial -> {
                    Map<RevokedKey, Instant> out = new HashMap<>();
                    for (RevokedKey key : known) {
                        Instant notAfter = bySerial.get(key.serial());
                        if (notAfter != null) {
                            out.put(key, notAfter);
                        }
                    }
                    return out;
                });
    }

    @Override
    public Future<List<RevokedEntry>> revokedUnexpired(Instant now) {
        return store.revokedUnexpired(now).map(rows -> rows.stream()
                .map(row -> new RevokedEntry(new BigInteger(row.serialHex(), 16), row.revokedAt(),
                        row.reason(), hierarchy.intermediateName()))
                .toList());
    }
}
