package org.stica.acme.port;

/**
 * Everything the ACME endpoint needs from ca-server: issuance and revocation, SPC token
 * validation, certificate facts for ARI, the audit log, the subscriber registry, and where its
 * activity is counted.
 */
public record AcmePorts(CertificateAuthority ca, AuthorityTokenValidator tokenValidator,
                        CertificateFactsSource facts, AcmeAuditSink audit,
                        SubscriberCheck subscribers, AcmeActivity activity) {

    /** The ports with the activity counted nowhere ({@link AcmeActivity#NONE}). */
    public AcmePorts(CertificateAuthority ca, AuthorityTokenValidator tokenValidator,
                     CertificateFactsSource facts, AcmeAuditSink audit,
                     SubscriberCheck subscribers) {
        this(ca, tokenValidator, facts, audit, subscribers, AcmeActivity.NONE);
    }
}
