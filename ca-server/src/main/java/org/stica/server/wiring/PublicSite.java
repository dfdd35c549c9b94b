package org.stica.server.wiring;

import io.vertx.ext.web.Router;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.stica.policy.delegate.DelegateCertificateCheck;
import org.stica.policy.delegate.DelegateChainCheck;
import org.stica.policy.delegate.EncompassingCheck;
import org.stica.server.ca.CaHierarchy;
import org.stica.server.ca.CrlPaths;
import org.stica.server.delegate.DelegatePublicationService;
import org.stica.server.delegate.store.pg.PgDelegateStore;
import org.stica.server.http.CertificateRepository;
import org.stica.server.http.CertificateRepositoryHandler;
import org.stica.server.http.DelegateRepositoryHandler;
import org.stica.server.http.DirectDownloads;
import org.stica.server.http.PlainHttpGate;
import org.stica.server.http.ProblemResponder;
import org.stica.server.http.PublicRoutes;
import org.stica.server.http.PublicationPaths;
import org.stica.server.http.PublicationRoutes;
import org.stica.server.http.StaticPem;
import org.stica.server.http.TrustAnchorsJson;
import org.stica.server.pa.PaPublicationHandler;

/**
 * The public port's routes: trust anchors, certificate repository (x5u, also answered directly
 * from memory), roots and CRL signer, delegate certificates, ACME under
 * {@link AcmeParts#BASE_PATH}, the PA role's publications, the CRL and ARL; anything else is a
 * 404 problem.
 */
public final class PublicSite {
    private PublicSite() {
    }

    /** Mounts every public route on {@code router} and the direct downloads on {@code direct}. */
    public static void mount(Router router, DirectDownloads direct, Basics basics,
                             DatabaseParts db, Modules modules) {
        CaHierarchy hierarchy = db.hierarchy();
        StaticPem roots = StaticPem.of(List.of(hierarchy.root()));
        StaticPem crlSigner = StaticPem.of(List.of(hierarchy.crlSigner()));
        CertificateRepository repository = new CertificateRepository(
                modules.issuance().certificates(),
                alias -> db.issuers().byAlias(alias).orElse(hierarchy.intermediate()));
        PublicationRoutes.mount(router, TrustAnchorsJson.of(List.of(hierarchy.root())));
        CertificateRepositoryHandler chains = new CertificateRepositoryHandler(repository);
        direct.add(modules.crl().crl()::serveDirect).add(chains::serveDirect);
        PublicRoutes.mount(router, chains, roots, crlSigner);
        new DelegateRepositoryHandler(new DelegatePublicationService(
                new PgDelegateStore(db.pool()), modules.issuance().certificates(), hierarchy,
                new DelegateChainCheck(new DelegateCertificateCheck(new EncompassingCheck(false))),
                modules.auditLog()::record, basics.clock())
                .withIntermediates(db.issuers()::certificates), basics.publicUrl(),
                basics.clock())
                .mount(router);
        router.route(AcmeParts.BASE_PATH + "/*").subRouter(modules.acme().router());
        modules.pa().ifPresent(pa -> pa.mountPublic(router));
        router.route("/*").subRouter(modules.crl().crl().router());
        router.route("/*").subRouter(modules.crl().arl().router());
        router.route().handler(ctx -> ctx.fail(404));
        router.route().failureHandler(ProblemResponder::handle);
    }

    /**
     * The public paths the plain-HTTP listener also serves ({@link PlainHttpGate}): the CRL (DER
     * and PEM), its signer certificate, the ARL, the roots and trust anchors, and in PA role the
     * PA CRL, its signer, the PA root and the CA list. Not the certificate repository, delegate
     * certificates, ACME or the token API (HTTPS only: STANDARDS.md §4.4, RFC 8555 §6.1).
     */
    public static Set<String> plainPaths(Modules modules) {
        Set<String> paths = new LinkedHashSet<>(modules.crl().crl().servedPaths());
        paths.addAll(List.of(CrlPaths.SIGNER, PublicationPaths.ARL, PublicationPaths.ROOTS_PEM,
                PublicationPaths.TRUST_ANCHORS_JSON));
        modules.pa().ifPresent(pa -> paths.addAll(PaPublicationHandler.PLAIN_HTTP_PATHS));
        return paths;
    }
}
