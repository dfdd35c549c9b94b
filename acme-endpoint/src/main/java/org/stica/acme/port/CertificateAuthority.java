package org.stica.acme.port;

import io.vertx.core.Future;

/**
 * Port owned by the ACME endpoint, implemented by ca-server: issue a SHAKEN certificate for a
 * finalized order (the CSR already passed {@code CsrPolicy}). Fails with a
 * {@link org.stica.policy.PolicyException} for policy refusals; anything else is an internal error.
 */
public interface CertificateAuthority {
    Future<IssuedCertificate> issue(IssuanceRequest request);
}
