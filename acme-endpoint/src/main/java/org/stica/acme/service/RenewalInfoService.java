package org.stica.acme.service;

import io.vertx.core.Future;
import java.time.Clock;
import org.stica.acme.port.CertificateFactsSource;
import org.stica.acme.problem.AcmeProblem;

/**
 * ARI renewalInfo (RFC 9773 §4): parses the certID, finds the certificate through the
 * {@link CertificateFactsSource} port (unknown → 404) and suggests its window.
 */
public final class RenewalInfoService {
    private final CertificateFactsSource facts;
    private final Clock clock;
    private final RenewalWindowPolicy policy = new RenewalWindowPolicy();

    public RenewalInfoService(CertificateFactsSource facts, Clock clock) {
        this.facts = facts;
        this.clock = clock;
    }

    public Future<RenewalWindow> renewalInfo(String certIdText) {
        CertId certId = CertId.parse(certIdText);
        return facts.find(certId.authorityKeyId(), certId.serialHex())
                .map(found -> policy.suggest(found.orElseThrow(
                        () -> AcmeProblem.notFound("certificate")), clock.instant()));
    }
}
