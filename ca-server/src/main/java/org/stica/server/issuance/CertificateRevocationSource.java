package org.stica.server.issuance;

import io.vertx.core.Future;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.stica.crl.port.RevokedCertificateSource;
import org.stica.crl.port.RevokedEntry;
import org.stica.server.ca.CaHierarchy;
import org.stica.server.store.pg.PgCertificateStore;

/**
 * {@link RevokedCertificateSource} over the {@code certificate} table: revoked certificates that
 * have not expired, each with certificateIssuer = our intermediate's subject (the CRL is indirect,
 * RFC 5280 §5.3.3).
 */
public final class CertificateRevocationSource implements RevokedCertificateSource {
    private final PgCertificateStore store;
    private final CaHierarchy hierarchy;

    public CertificateRevocationSource(PgCertificateStore store, CaHierarchy hierarchy) {
        this.store = store;
        this.hierarchy = hierarchy;
    }

    @Override
    public Future<List<RevokedEntry>> revokedUnexpired(Instant now) {
        return store.revokedUnexpired(now).map(rows -> rows.stream()
                .map(row -> new RevokedEntry(new BigInteger(row.serialHex(), 16), row.revokedAt(),
                        row.reason(), hierarchy.intermediateName()))
                .toList());
    }
}
