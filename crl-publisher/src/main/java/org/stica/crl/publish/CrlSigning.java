package org.stica.crl.publish;

import io.vertx.core.Future;
import org.stica.crl.build.CrlContent;

/**
 * Builds and signs one CRL off the event loop; returns its DER. In production this is the CRL
 * builder run through the hsm-config signer pool with the configured signer alias.
 */
@FunctionalInterface
public interface CrlSigning {
    Future<byte[]> sign(CrlContent content);
}
