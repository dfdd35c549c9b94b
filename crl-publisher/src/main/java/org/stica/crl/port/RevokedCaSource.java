package org.stica.crl.port;

import io.vertx.core.Future;
import java.util.List;

/**
 * Port owned by the CRL publisher, implemented by ca-server: the revoked CA certificates the root
 * issued (intermediates, the CRL signer) that must appear on the root's ARL. Each entry's
 * certificateIssuer is the root's Name (the ARL is a direct CRL: no certificateIssuer extension
 * is written).
 */
@FunctionalInterface
public interface RevokedCaSource {
    Future<List<RevokedEntry>> revokedCaCertificates();

    /** No revoked CA certificate. */
    RevokedCaSource NONE = () -> Future.succeededFuture(List.of());
}
