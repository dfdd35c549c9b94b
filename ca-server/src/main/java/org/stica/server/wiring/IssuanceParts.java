package org.stica.server.wiring;

import java.time.Duration;
import java.util.function.Supplier;
import org.stica.acme.port.CertificateAuthority;
import org.stica.acme.service.InterruptedWorkService;
import org.stica.acme.store.pg.PgOrderStore;
import org.stica.acme.store.pg.StuckWorkSweeper;
import org.stica.hsm.SignerPool;
import org.stica.policy.profile.CrlDistribution;
import org.stica.server.acmeport.CaIssuanceRecords;
import org.stica.server.audit.AuditLog;
import org.stica.server.audit.AuditOutbox;
import org.stica.server.audit.AuditedCertificateAuthority;
import org.stica.server.ca.CaHierarchy;
import org.stica.server.config.StiCaConfig;
import org.stica.server.issuance.IssuanceLedger;
import org.stica.server.issuance.IssuanceService;
import org.stica.server.issuance.IssuerProfile;
import org.stica.server.issuance.PublishingCertificateAuthority;
import org.stica.server.issuance.ReservationRecovery;
import org.stica.server.issuance.RevocationService;
import org.stica.server.notify.CertificateEvents;
import org.stica.server.notify.WebhookNotifications;
import org.stica.server.notify.store.pg.PgWebhookStore;
import org.stica.server.store.pg.PgCertificateStore;
import org.stica.server.subscriber.store.pg.PgSubscriberStore;

/**
 * Issuance and revocation (ARCHITECTURE.md §2 steps 6 and 8): the certificate store, the
 * revocation service (which asks the CRL publisher for a rebuild), the issuance service over its
 * ledger (each outcome recorded with its audit event through the outbox, ARCHITECTURE.md §5
 * item 1), the certificate authority the ACME endpoint sees (published to the directory,
 * audited, its subscriber told by webhook), and the recovery of what faults interrupted: stale
 * reservations ({@link ReservationRecovery}) and the ACME orders they belong to
 * ({@link InterruptedWorkService}: settled from the CA's records, issue 14 invariant 2).
 */
public record IssuanceParts(PgCertificateStore certificates, RevocationService revocation,
                            IssuanceService issuance, CertificateAuthority forAcme,
                            ReservationRecovery reservationRecovery,
                            InterruptedWorkService interruptedWork, CertificateEvents events) {

    /**
     * @param batchedOutbox   the deferred drain the issuance asks for after recording
     * @param crlDistribution the CRLDP new certificates name ({@link EcosystemParts}); under
     *                        the STI-PA revocations are also queued for reporting to it
     */
    public static IssuanceParts build(Basics basics, DatabaseParts db, SignerPool signer,
                                      CrlParts crl, PgCertificateStore certificates,
                                      AuditLog audit, AuditOutbox outbox,
                                      AuditOutbox batchedOutbox,
                                      Supplier<CrlDistribution> crlDistribution) {
        Duration publishDelay = basics.config().publication().crlPublishDelay();
        CertificateEvents events = new CertificateEvents(new PgSubscriberStore(db.pool(),
                basics.clock()), certificates, new WebhookNotifications(
                new PgWebhookStore(db.pool()), basics.clock()));
        RevocationService revocation = new RevocationService(certificates, db.hierarchy(),
                () -> crl.crl().publishWithin(publishDelay), audit, basics.clock())
                .withIssuers(db.issuers()::signerOf).withListener(events)
                .reportingToStiPa(basics.config().ecosystem().stiPa());
        IssuerProfile profile = issuerProfile(basics, db.hierarchy(), crlDistribution);
        // the issuance's audit event is durable in the outbox; its chaining is batched (issue 18)
        IssuanceService issuance = new IssuanceService(new IssuanceLedger(certificates,
                batchedOutbox, basics.clock()), signer, profile, revocation, basics.clock(),
                db.issuers()::active);
        CertificateAuthority published = crl.directory()
                .<CertificateAuthority>map(d -> new PublishingCertificateAuthority(issuance, d))
                .orElse(issuance);
        ReservationRecovery recovery = new ReservationRecovery(basics.vertx(), certificates,
                outbox, basics.config().recovery().stuckAfter(), basics.clock());
        CaIssuanceRecords records = new CaIssuanceRecords(certificates, alias -> db.issuers()
                .byAlias(alias).orElse(db.hierarchy().intermediate()), profile::x5uOf);
        return new IssuanceParts(certificates, revocation, issuance,
                new AuditedCertificateAuthority(published, audit), recovery, new InterruptedWorkService(basics.vertx(),
                new StuckWorkSweeper(db.pool(), basics.config().recovery().stuckAfter()),
                new PgOrderStore(db.pool()), records, basics.clock())
                .reportingTo(basics.metrics().acme()), events);
    }

    private static IssuerProfile issuerProfile(Basics basics, CaHierarchy hierarchy,
                                               Supplier<CrlDistribution> crlDistribution) {
        StiCaConfig.Ca ca = basics.config().ca();
        return new IssuerProfile(hierarchy, ca.organization(), ca.country(), ca.policyOid(),
                Duration.ofDays(ca.endEntityValidityDays()), basics.publicUrl(),
                crlDistribution);
    }
}
