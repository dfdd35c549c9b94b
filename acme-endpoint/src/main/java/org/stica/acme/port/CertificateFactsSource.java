package org.stica.acme.port;

import io.vertx.core.Future;
import java.util.Optional;

/**
 * Port owned by the ACME endpoint, implemented by ca-server: the facts of a certificate this CA
 * issued, found by the ARI certID parts (RFC 9773 §4.1): the authority key identifier of its
 * issuer and its serial (lowercase hex, {@code BigInteger.toString(16)}). Empty when no such
 * certificate was issued here (unknown serial, or the key identifier is not its issuer's).
 */
public interface CertificateFactsSource {
    Future<Optional<CertificateFacts>> find(byte[] authorityKeyId, String serialHex);
}
