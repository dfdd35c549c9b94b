package org.stica.acme.port;

/**
 * Everything the ACME endpoint needs from ca-server: issuance and revocation, SPC token
 * validation, certificate facts for ARI, and the audit log.
 */
public record AcmePorts(CertificateAuthority ca, AuthorityTokenValidator tokenValidator,
                        CertificateFactsSource facts, AcmeAuditSink audit) {
}
