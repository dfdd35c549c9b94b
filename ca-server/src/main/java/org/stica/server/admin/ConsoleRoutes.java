package org.stica.server.admin;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * Serves the web console's static files ({@code webroot/console} on the classpath) at
 * {@code /admin/console/} on the admin port. The files hold no data: the page asks the user for
 * an API key and calls the admin API with it. A strict Content-Security-Policy allows only this
 * origin's script, style and API calls. Nothing a console visit loads (its files, a file it does
 * not have, the browser's {@code /favicon.ico}) reaches the admin API's gate, so a visit leaves
 * no {@code admin.denied} record (issue 17).
 */
public final class ConsoleRoutes {
    /** Where the console is served. */
    public static final String PATH = "/admin/console/";
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " connect-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none';"
            + " frame-ancestors 'none'";

    private ConsoleRoutes() {
    }

    /** Adds the console routes; call before any authenticating handler. */
    public static void mount(Vertx vertx, Router router) {
        Router files = Router.router(vertx);
        files.route().handler(ConsoleRoutes::headers);
        files.route().method(HttpMethod.GET).method(HttpMethod.HEAD)
                .handler(StaticHandler.create("webroot/console").setCachingEnabled(false)
                        .setDirectoryListing(false));
        // a file the console does not have is a plain 404 here, never passed on to the admin
        // API's gate (nothing under this path needs a key, so a miss is no security event)
        files.route().handler(ctx -> ctx.response().setStatusCode(404).end());
        router.getWithRegex("^/admin/console$").handler(ctx -> ctx.redirect(PATH));
        // browsers ask for it on every console visit: answered without authentication, so the
        // security trail gets no admin.denied record for it (issue 17)
        router.get("/favicon.ico").handler(ctx -> ctx.response().setStatusCode(204)
                .putHeader("Cache-Control", "max-age=86400").end());
        router.route(PATH + "*").subRouter(files);
    }

    private static void headers(RoutingContext ctx) {
        ctx.response().putHeader("Content-Security-Policy", CSP)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("Cache-Control", "no-store");
        ctx.next();
    }
}
