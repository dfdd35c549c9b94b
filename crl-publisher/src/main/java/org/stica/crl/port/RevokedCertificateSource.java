package org.stica.crl.port;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;

/**
 * Port owned by the CRL publisher, implemented by ca-server: the revoked certificates that must
 * appear on the next CRL (revoked and not yet expired at {@code now}).
 */
public interface RevokedCertificateSource {
    Future<List<RevokedEntry>> revokedUnexpired(Instant now);
}
