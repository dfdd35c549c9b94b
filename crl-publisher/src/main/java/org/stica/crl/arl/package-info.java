/**
 * The authority revocation list (ARL): a small CRL signed by the root that covers the CRL signer
 * certificate, so PKIX verifiers that check the CRL signer's own revocation (Java, STANDARDS.md
 * §6.5 conclusion 2) can decide, and that lists every revoked CA certificate (intermediates, the
 * CRL signer). No IDP. Stored in PostgreSQL so every instance serves the same ARL.
 */
package org.stica.crl.arl;
