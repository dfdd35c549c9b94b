package org.stica.server.wiring;

import java.security.cert.X509Certificate;
import org.stica.hsm.SignerPool;
import org.stica.server.audit.AuditLog;
import org.stica.server.audit.AuditSignerKey;
import org.stica.server.config.StiCaConfig;
import org.stica.server.ecosystem.EcosystemCrl;
import org.stica.server.ecosystem.ReportJwsSigner;
import org.stica.server.ecosystem.RevocationReportDocument;
import org.stica.server.ecosystem.RevocationReporting;
import org.stica.server.ecosystem.SignedExportReporting;
import org.stica.server.ecosystem.store.pg.PgRevocationReportStore;

/**
 * The revocation ecosystem (issue 20): which CRL new certificates name ({@link EcosystemCrl}:
 * the CA's own, or under the STI-PA the STI-PA CRL the trust module verified) and the reporting
 * of revocations to the STI-PA ({@link SignedExportReporting}: exports signed with the
 * audit-signer key, whose certificate is read here, on the worker thread that builds).
 */
public record EcosystemParts(EcosystemCrl crl, RevocationReporting reporting) {

    public static EcosystemParts build(Basics basics, DatabaseParts db, SignerPool signer,
                                       TrustParts trust, AuditLog audit) {
        StiCaConfig config = basics.config();
        EcosystemCrl crl = new EcosystemCrl(config.ecosystem(), db.hierarchy(),
                basics.revocationUrl(), trust.trust()::crlFrom);
        X509Certificate reportSigner = signer.vault().chain(AuditSignerKey.ALIAS)
                .orElseThrow(() -> new IllegalStateException("no certificate for '"
                        + AuditSignerKey.ALIAS + "' in " + signer.vault().description()))
                .get(0);
        RevocationReporting reporting = new SignedExportReporting(
                new PgRevocationReportStore(db.pool()),
                new RevocationReportDocument(db.issuers()::issuerCertificate,
                        config.ca().organization(), db.hierarchy().root(),
                        config.ecosystem().crlUrl()),
                new ReportJwsSigner(signer, AuditSignerKey.ALIAS, reportSigner), audit,
                basics.clock());
        return new EcosystemParts(crl, reporting);
    }
}
