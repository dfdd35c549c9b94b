/**
 * The authority revocation list (ARL): a small CRL signed by the root that covers the CRL signer
 * certificate, so PKIX verifiers that check the CRL signer's own revocation (Java, STANDARDS.md
 * §6.5 conclusion 2) can decide. No IDP, no entries unless a certificate under the root is revoked.
 */
package org.stica.crl.arl;
