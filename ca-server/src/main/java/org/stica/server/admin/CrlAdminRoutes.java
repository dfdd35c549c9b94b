package org.stica.server.admin;

import io.vertx.ext.web.Router;
import java.util.function.Consumer;

/**
 * Adds the CRL routes to the admin router ({@link AdminRoutes}): {@code GET /admin/v1/crls} and
 * {@code POST /admin/v1/crls/publish}.
 */
public final class CrlAdminRoutes implements Consumer<Router> {
    private final CrlAdminHandler handler;

    public CrlAdminRoutes(CrlAdminHandler handler) {
        this.handler = handler;
    }

    @Override
    public void accept(Router router) {
        router.get("/admin/v1/crls").handler(handler::status);
        router.post("/admin/v1/crls/publish").handler(handler::publish);
    }
}
