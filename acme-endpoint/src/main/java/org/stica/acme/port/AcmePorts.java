package org.stica.acme.port;

/**
 * Everything the ACME endpoint needs from ca-server: issuance and revocation, authority token
 * validation, certificate facts for ARI, the audit log, the subscriber registry, where its
 * activity is counted, and the vetted RCD sets that JWTClaimConstraints identifiers must match.
 */
public record AcmePorts(CertificateAuthority ca, AuthorityTokenValidator tokenValidator,
                        CertificateFactsSource facts, AcmeAuditSink audit,
                        SubscriberCheck subscribers, AcmeActivity activity,
                        ClaimConstraintsCheck claims) {

    /** The ports without RCD issuance ({@link ClaimConstraintsCheck#NONE}). */
    public AcmePorts(CertificateAuthority ca, AuthorityTokenValidator tokenValidator,
                     CertificateFactsSource facts, AcmeAuditSink audit,
                     SubscriberCheck subscribers, AcmeActivity activity) {
        this(ca, tokenValidator, facts, audit, subscribers, activity, ClaimConstraintsCheck.NONE);
    }

    /** The ports with the activity counted nowhere ({@link AcmeActivity#NONE}). */
    public AcmePorts(CertificateAuthority ca, AuthorityTokenValidator tokenValidator,
                     CertificateFactsSource facts, AcmeAuditSink audit,
                     SubscriberCheck subscribers) {
        this(ca, tokenValidator, facts, audit, subscribers, AcmeActivity.NONE);
    }
}
