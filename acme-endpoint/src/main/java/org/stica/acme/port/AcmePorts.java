package org.stica.acme.port;

/**
 * Everything the ACME endpoint needs from ca-server: issuance and revocation, SPC token
 * validation, certificate facts for ARI, the audit log, and the subscriber registry.
 */
public record AcmePorts(CertificateAuthority ca, AuthorityTokenValidator tokenValidator,
                        CertificateFactsSource facts, AcmeAuditSink audit,
                        SubscriberCheck subscribers) {
}
