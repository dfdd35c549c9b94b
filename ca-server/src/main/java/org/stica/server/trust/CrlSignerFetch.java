package org.stica.server.trust;

import io.vertx.core.Future;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;
import org.stica.policy.token.X5uPolicy;
import org.stica.policy.trust.PaCrlCheck;

/**
 * Fetches the certificate(s) of a separate STI-PA CRL signer from the CRL's AIA caIssuers URL
 * (STANDARDS.md §4.2 item 3) under the same rules as x5u: the URL must pass the x5u allow-list
 * ({@link X5uPolicy}: prefixes, no userinfo/query/fragment), and the GET is {@link TrustFetch}'s
 * (no redirects, time and size caps). Nothing is fetched when a trusted root issued the CRL.
 * Failures are {@link Violation#PA_CRL_INVALID}.
 */
public final class CrlSignerFetch {
    private static final String ACCEPT = "application/pem-certificate-chain,"
            + " application/pkix-cert, application/x-pem-file, */*";

    private final TrustFetch fetch;
    private final X5uPolicy allowList;

    public CrlSignerFetch(TrustFetch fetch, X5uPolicy allowList) {
        this.fetch = fetch;
        this.allowList = allowList;
    }

    /** The CRL signer chain (signer first), or empty when a root in {@code roots} issued it. */
    public Future<List<X509Certificate>> signers(X509CRL crl, List<X509Certificate> roots) {
        if (PaCrlCheck.issuedByRoot(crl, roots)) {
            return Future.succeededFuture(List.of());
        }
        URI url = PaCrlCheck.caIssuersUrl(crl).orElseThrow(() -> invalid("the CRL issuer "
                + crl.getIssuerX500Principal().getName() + " is not a trusted STI-PA root and"
                + " the CRL has no AIA caIssuers URL"));
        try {
            allowList.check(url);
        } catch (PolicyException e) {
            return Future.failedFuture(invalid("the CRL's AIA caIssuers URL " + url
                    + " is refused: " + e.detail()));
        }
        return fetch.get(url, ACCEPT).map(CrlSignerFetch::certificates);
    }

    private static List<X509Certificate> certificates(byte[] body) {
        try {
            List<X509Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(body)).stream()
                    .map(c -> (X509Certificate) c).toList();
            if (certificates.isEmpty()) {
                throw invalid("the CRL's AIA caIssuers URL served no certificate");
            }
            return certificates;
        } catch (CertificateException e) {
            throw invalid("the CRL's AIA caIssuers URL served no certificate");
        }
    }

    private static PolicyException invalid(String detail) {
        return new PolicyException(Violation.PA_CRL_INVALID, detail);
    }
}
