package org.stica.server.http;

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

    private PublicRoutes() {
    }

    public static void mount(Router router, CertificateRepositoryHandler certificates,
                             PemResource roots, PemResource crlSigner) {
        router.get("/cr/:file").handler(certificates::handle)
                .failureHandler(ProblemResponder::handle);
        router.head("/cr/:file").handler(certificates::handle)
                .failureHandler(ProblemResponder::handle);
        for (var route : new String[] {"/ca/roots.pem", CrlPaths.SIGNER}) {
            PemResource resource = route.equals(CrlPaths.SIGNER) ? crlSigner : roots;
            router.get(route).handler(ctx -> PemResponses.send(ctx, resource,
                    STATIC_CACHE_CONTROL));
            router.head(route).handler(ctx -> PemResponses.send(ctx, resource,
                    STATIC_CACHE_CONTROL));
        }
    }
}
