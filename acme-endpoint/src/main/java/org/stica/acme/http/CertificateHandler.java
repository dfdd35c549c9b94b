package org.stica.acme.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.stica.acme.jws.KeyMode;
import org.stica.acme.service.CertificateService;

/**
 * POST-as-GET cert/{id} (RFC 8555 §7.4.2, §9.1): {@code application/pem-certificate-chain}, end
 * entity first.
 */
public final class CertificateHandler implements Handler<RoutingContext> {
    /** RFC 8555 §9.1. */
    public static final String PEM_CHAIN = "application/pem-certificate-chain";

    private final SignedPosts posts;
    private final CertificateService certificates;

    public CertificateHandler(SignedPosts posts, CertificateService certificates) {
        this.posts = posts;
        this.certificates = certificates;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        posts.verify(ctx, KeyMode.KID)
                .compose(request -> certificates.download(request, id))
                .onSuccess(cert -> ctx.response().setStatusCode(200)
                        .putHeader("Content-Type", PEM_CHAIN).end(cert.chainPem()))
                .onFailure(ctx::fail);
    }
}
