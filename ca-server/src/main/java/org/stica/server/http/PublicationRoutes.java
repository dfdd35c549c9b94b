package org.stica.server.http;

import io.vertx.ext.web.Router;

/**
 * Public publication routes beside {@link PublicRoutes} (GET/HEAD, no auth, from memory):
 * {@code /ca/trust-anchors.json} (the trust anchors as JSON, {@code application/json}).
 */
public final class PublicationRoutes {
    static final String CACHE_CONTROL = "public, max-age=3600";

    private PublicationRoutes() {
    }

    public static void mount(Router router, TrustAnchorsJson anchors) {
        for (var route : new io.vertx.ext.web.Route[] {
                router.get(PublicationPaths.TRUST_ANCHORS_JSON),
                router.head(PublicationPaths.TRUST_ANCHORS_JSON)}) {
            route.handler(ctx -> HttpResources.send(ctx, anchors.body(), "application/json",
                    anchors.etag(), anchors.lastModified(), CACHE_CONTROL))
                    .failureHandler(ProblemResponder::handle);
        }
    }
}
