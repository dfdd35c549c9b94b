package org.stica.server.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import org.stica.server.ca.CrlPaths;

/**
 * ca-server's own public routes (all GET/HEAD, no auth): {@code /cr/{serial}.pem} (STI-CR),
 * {@code /ca/roots.pem} (the root certificate) and {@code /crl/signer.pem} (the CRL signer
 * certificate, the CRL's AIA caIssuers). The ACME and CRL routers are mounted beside these by
 * the server.
 */
public final class PublicRoutes {
    static final String STATIC_CACHE_CONTROL = "public, max-age=3600";
    static final String PEM_TYPE = "application/x-pem-file";

    private PublicRoutes() {
    }

    public static void mount(Router router, CertificateRepositoryHandler certificates,
                             StaticPem roots, StaticPem crlSigner) {
        router.get(CertificateRepositoryHandler.ROUTE).handler(certificates::handle)
                .failureHandler(ProblemResponder::handle);
        router.head(CertificateRepositoryHandler.ROUTE).handler(certificates::handle)
                .failureHandler(ProblemResponder::handle);
        for (var route : new String[] {"/ca/roots.pem", CrlPaths.SIGNER}) {
            StaticPem pem = route.equals(CrlPaths.SIGNER) ? crlSigner : roots;
            router.route(route).method(HttpMethod.GET).method(HttpMethod.HEAD)
                    .handler(ctx -> HttpResources.send(ctx, pem.body(), PEM_TYPE, pem.etag(),
                            pem.lastModified(), STATIC_CACHE_CONTROL));
        }
    }
}
