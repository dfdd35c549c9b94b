package org.stica.server.wiring;

import java.time.Duration;
import org.stica.acme.port.CertificateAuthority;
import org.stica.hsm.SignerPool;
import org.stica.server.audit.AuditLog;
import org.stica.server.audit.AuditedCertificateAuthority;
import org.stica.server.ca.CaHierarchy;
import org.stica.server.config.StiCaConfig;
import org.stica.server.issuance.IssuanceService;
import org.stica.server.issuance.IssuerProfile;
import org.stica.server.issuance.PublishingCertificateAuthority;
import org.stica.server.issuance.RevocationService;
import org.stica.server.store.pg.PgCertificateStore;

/**
 * Issuance and revocation (ARCHITECTURE.md §2 steps 6 and 8): the certificate store, the
 * revocation service (which asks the CRL publisher for a rebuild), the issuance service, and the
 * certificate authority the ACME endpoint sees (published to the directory, audited).
 */
public record IssuanceParts(PgCertificateStore certificates, RevocationService revocation,
                            IssuanceService issuance, CertificateAuthority forAcme) {

    public static IssuanceParts build(Basics basics, DatabaseParts db, SignerPool signer,
                                      CrlParts crl, PgCertificateStore certificates,
                                      AuditLog audit) {
        Duration publishDelay = basics.config().publication().crlPublishDelay();
        RevocationService revocation = new RevocationService(certificates, db.hierarchy(),
                () -> crl.crl().publishWithin(publishDelay), audit, basics.clock())
                .withIssuers(db.issuers()::signerOf);
        IssuanceService issuance = new IssuanceService(certificates, signer,
                issuerProfile(basics, db.hierarchy()), revocation, basics.clock(),
                db.issuers()::active);
        CertificateAuthority published = crl.directory()
                .<CertificateAuthority>map(d -> new PublishingCertificateAuthority(issuance, d))
                .orElse(issuance);
        return new IssuanceParts(certificates, revocation, issuance,
                new AuditedCertificateAuthority(published, audit));
    }

    private static IssuerProfile issuerProfile(Basics basics, CaHierarchy hierarchy) {
        StiCaConfig.Ca ca = basics.config().ca();
        return new IssuerProfile(hierarchy, ca.organization(), ca.country(), ca.policyOid(),
                Duration.ofDays(ca.endEntityValidityDays()), basics.publicUrl());
    }
}
