package org.stica.acme.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import org.stica.acme.problem.AcmeProblem;

/**
 * All ACME routes in one table (paths relative to the mount point {@code basePath}). GET only for
 * the directory and newNonce (also HEAD); everything else is POST (RFC 8555 §6.3) and any other
 * method → 405. ARI renewalInfo (RFC 9773 §4.1) is an unauthenticated GET.
 */
public final class AcmeRoutes {
    private static final String[] POST_ONLY = {"/new-account", "/acct/:id", "/acct/:id/orders",
        "/new-order", "/order/:id", "/order/:id/finalize", "/authz/:id", "/chall/:id",
        "/cert/:id", "/revoke-cert", "/key-change"};

    private final Vertx vertx;
    private final int maxBodyBytes;
    private final CrossCuttingHandlers around;
    private final ResourceHandlers resources;

    public AcmeRoutes(Vertx vertx, int maxBodyBytes, CrossCuttingHandlers around,
                      ResourceHandlers resources) {
        this.vertx = vertx;
        this.maxBodyBytes = maxBodyBytes;
        this.around = around;
        this.resources = resources;
    }

    public Router build() {
        Router router = Router.router(vertx);
        router.route().handler(around.headers());
        router.route().handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes));
        router.get("/directory").handler(resources.directory());
        router.route("/directory").handler(new MethodNotAllowedHandler("GET"));
        router.route("/new-nonce").method(HttpMethod.GET).method(HttpMethod.HEAD)
                .handler(resources.newNonce());
        router.route("/new-nonce").handler(new MethodNotAllowedHandler("GET, HEAD"));
        router.get("/renewal-info/:certID").handler(resources.renewalInfo());
        router.route("/renewal-info/:certID").handler(new MethodNotAllowedHandler("GET"));
        router.post().handler(around.nonces());
        router.post("/new-account").handler(resources.newAccount());
        router.post("/acct/:id/orders").handler(resources.ordersList());
        router.post("/acct/:id").handler(resources.account());
        router.post("/new-order").handler(resources.newOrder());
        router.post("/order/:id/finalize").handler(resources.finalizeOrder());
        router.post("/order/:id").handler(resources.order());
        router.post("/authz/:id").handler(resources.authz());
        router.post("/chall/:id").handler(resources.challenge());
        router.post("/cert/:id").handler(resources.certificate());
        router.post("/revoke-cert").handler(resources.revokeCert());
        router.post("/key-change").handler(resources.keyChange());
        for (String path : POST_ONLY) {
            router.route(path).handler(new MethodNotAllowedHandler("POST"));
        }
        router.route().handler(ctx -> ctx.fail(AcmeProblem.notFound("resource")));
        router.route().failureHandler(around.problems());
        return router;
    }
}
