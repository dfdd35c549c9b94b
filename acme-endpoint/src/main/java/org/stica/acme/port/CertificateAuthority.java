package org.stica.acme.port;

import io.vertx.core.Future;

/**
 * Port owned by the ACME endpoint, implemented by ca-server.
 *
 * <p>{@link #issue}: issue a SHAKEN certificate for a finalized order (the CSR already passed
 * {@code CsrPolicy}). Fails with a {@link org.stica.policy.PolicyException} for policy refusals;
 * anything else is an internal error.
 *
 * <p>{@link #revoke}: revoke a certificate this CA issued (RFC 8555 §7.6). Fails with
 * {@link RevocationRefused} for a refusal the client caused.
 */
public interface CertificateAuthority {
    Future<IssuedCertificate> issue(IssuanceRequest request);

    Future<Void> revoke(RevocationRequest request);
}
