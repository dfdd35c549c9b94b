package org.stica.acme.port;

import java.security.PublicKey;
import java.time.Instant;
import java.util.Optional;

/**
 * A finalized order's request for a certificate.
 *
 * @param tnAuthListDer the order identifier's DER TNAuthList
 * @param spc           the single SPC it holds
 * @param ca            the verified token's {@code atc.ca} (false for SHAKEN EE)
 * @param tokenExpires  the SPC token's {@code exp} (RFC 9447 §7 lifetime policy)
 */
public record IssuanceRequest(String accountId, String orderId, PublicKey subjectKey,
                              byte[] tnAuthListDer, String spc, boolean ca,
                              Optional<Instant> notBefore,
                              Optional<Instant> notAfter, Instant tokenExpires) {
}
