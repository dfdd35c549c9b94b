package org.stica.crl.port;

import io.vertx.core.Future;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Port owned by the CRL publisher, implemented by ca-server: the revoked certificates that must
 * appear on the next CRL (revoked and not yet expired at {@code now}).
 */
public interface RevokedCertificateSource {
    Future<List<RevokedEntry>> revokedUnexpired(Instant now);

    /**
     * The notAfter of each given certificate serial that the CA knows; serials it does not know
     * are left out (and then count as still valid: a CRL dropping them is refused). The default
     * knows none.
     */
    default Future<Map<BigInteger, Instant>> notAfter(Collection<BigInteger> serials) {
        return Future.succeededFuture(Map.of());
    }
}
