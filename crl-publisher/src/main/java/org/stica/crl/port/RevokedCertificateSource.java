package org.stica.crl.port;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Port owned by the CRL publisher, implemented by ca-server: the revoked certificates that must
 * appear on the next CRL (revoked and not yet expired at {@code now}).
 */
public interface RevokedCertificateSource {
    Future<List<RevokedEntry>> revokedUnexpired(Instant now);

    /**
     * Delivers the same entries as {@link #revokedUnexpired} in batches of at most
     * {@code batchSize}, one batch at a time (the next is read once {@code sink}'s future
     * completes), so a large CRL never needs every entry in memory; returns how many were
     * delivered. The default reads everything at once and delivers it as one batch.
     */
    default Future<Long> streamRevokedUnexpired(Instant now, int batchSize,
            Function<List<RevokedEntry>, Future<Void>> sink) {
        return revokedUnexpired(now)
                .compose(all -> sink.apply(all).map(done -> (long) all.size()));
    }

    /**
     * The notAfter of each given certificate (issuer and serial) that the CA knows; certificates
     * it does not know are left out (and then count as still valid: a CRL dropping them is
     * refused). The default knows none.
     */
    default Future<Map<RevokedKey, Instant>> notAfter(Collection<RevokedKey> certificates) {
        return Future.succeededFuture(Map.of());
    }
}
