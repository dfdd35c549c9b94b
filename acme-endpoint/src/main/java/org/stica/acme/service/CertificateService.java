package org.stica.acme.service;

import io.vertx.core.Future;
import org.stica.acme.jws.SignedRequest;
import org.stica.acme.model.Account;
import org.stica.acme.model.CertificateRecord;
import org.stica.acme.problem.AcmeProblem;
import org.stica.acme.store.pg.PgCertificateStore;

/** Certificate download by POST-as-GET (RFC 8555 §7.4.2), only for the owning account. */
public final class CertificateService {
    private final PgCertificateStore certificates;

    public CertificateService(PgCertificateStore certificates) {
        this.certificates = certificates;
    }

    public Future<CertificateRecord> download(SignedRequest request, String certificateId) {
        Account account = request.requireAccount();
        request.requirePostAsGet();
        return certificates.findById(certificateId)
                .map(found -> found.orElseThrow(() -> AcmeProblem.notFound("certificate")))
                .map(cert -> {
                    OwnershipCheck.check(cert.accountId(), account, "certificate");
                    return cert;
                });
    }
}
