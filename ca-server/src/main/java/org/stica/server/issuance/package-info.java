/**
 * Issuance and revocation of SHAKEN end-entity certificates (ARCHITECTURE.md §2 steps 6 and 8):
 * {@link org.stica.server.issuance.IssuanceService} implements the ACME endpoint's
 * {@code CertificateAuthority} port, {@link org.stica.server.issuance.CertificateRevocationSource}
 * the CRL publisher's {@code RevokedCertificateSource} port.
 */
package org.stica.server.issuance;
