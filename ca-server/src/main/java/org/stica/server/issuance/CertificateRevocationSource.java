package org.stica.server.issuance;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.bouncycastle.asn1.x500.X500Name;
import org.stica.crl.port.RevokedCertificateSource;
import org.stica.crl.port.RevokedEntry;
import org.stica.crl.port.RevokedKey;
import org.stica.policy.profile.SerialNumbers;
import org.stica.server.ca.CaHierarchy;
import org.stica.server.store.pg.PgCertificateExpiry;
import org.stica.server.store.pg.PgCertificateStore;
import org.stica.server.store.pg.PgRevokedCursor;

/**
 * {@link RevokedCertificateSource} over the {@code certificate} table: revoked certificates that
 * have not expired, each with certificateIssuer = the subject of our intermediate that issued it
 * (the CRL is indirect, RFC 5280 §5.3.3; see {@link #withIssuers} after a rollover).
 */
public final class CertificateRevocationSource implements RevokedCertificateSource {
    private final PgCertificateStore store;
    private final CaHierarchy hierarchy;
    private final Optional<PgCertificateExpiry> expiry;
    private Optional<PgRevokedCursor> cursor = Optional.empty();
    private X500Name issuerName;
    private Function<String, X500Name> issuerNameOf;
    private Predicate<X500Name> ours;

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

    /**
     * Names each entry's certificateIssuer after the intermediate that issued it (its
     * {@code issuer_alias}), for a CRL that lists certificates of several intermediates after a
     * rollover; {@code isOurs} tells which issuer names are this CA's.
     */
    public CertificateRevocationSource withIssuers(Function<String, X500Name> nameOfAlias,
                                                   Predicate<X500Name> isOurs) {
        this.issuerNameOf = nameOfAlias;
        this.ours = isOurs;
        return this;
    }

    private X500Name issuerOf(RevokedRow row) {
        return issuerNameOf == null ? hierarchy.intermediateName()
                : issuerNameOf.apply(row.issuerAlias());
    }

    private RevokedEntry entry(RevokedRow row) {
        return new RevokedEntry(SerialNumbers.fromHex(row.serialHex()), row.revokedAt(),
                row.reason(), issuerNameOf == null ? issuerName : issuerOf(row));
    }

    /**
     * notAfter by (issuer, serial): only certificates of our intermediates are known here; any
     * other issuer is left out, so the CRL retention check keeps its entries (fail closed).
     */
    @Override
    public Future<Map<RevokedKey, Instant>> notAfter(Collection<RevokedKey> certificates) {
        X500Name intermediate = hierarchy.intermediateName();
        Predicate<X500Name> isOurs = ours != null ? ours : intermediate::equals;
        List<RevokedKey> known = certificates.stream()
                .filter(key -> isOurs.test(key.issuer())).toList();
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
                .map(row -> new RevokedEntry(SerialNumbers.fromHex(row.serialHex()), row.revokedAt(),
                        row.reason(), issuerOf(row)))
                .toList());
    }
}
